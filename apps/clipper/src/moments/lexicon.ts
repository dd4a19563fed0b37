// Word lists behind the text signals. Lower case, as the recognisers' words are normalised.

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter(Boolean));

/** Words that make people stop scrolling when they open a clip. */
export const HOOK_WORDS = words(`
  secret secrets nobody never always truth mistake mistakes wrong best worst biggest simple simplest
  trick tricks hack stop imagine surprising surprise shocking actually important free fast easy
  hidden crazy insane finally only must everyone nothing everything change changed problem fail
  failed failure success rich lesson lessons learn warning myth lie lies real really huge love hate
  why how you your need truly ever remember listen look here today now`);

/** Words that open a question when they start a sentence. */
export const QUESTION_OPENERS = words('why how what who whom whose when where which');
/** Auxiliaries that open a question when a pronoun follows ("do you", "have we"). */
export const QUESTION_AUXILIARIES = words('do does did is are was were can could would should will have has had');
export const PRONOUNS = words('you we i they he she it this that there');

/** Spoken numbers: clips with figures in them do better. Digits are matched separately. */
export const NUMBER_WORDS = words(`
  zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
  sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
  thousand million billion trillion percent half double twice triple dozen first second third`);

/** Function words: never keywords, never hashtags. */
export const STOPWORDS = words(`
  a about above after again against all am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most
  my myself no nor not now of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom why will with
  would you your yours yourself yourselves also like get got going gonna really thing things lot
  know think said say says one two way well much many even still let make made want back go goes
  come came take took see seen look because every ever because yes okay oh um uh yeah right`);

export const isNumberWord = (word: string): boolean => NUMBER_WORDS.has(word) || /^\d/.test(word);
