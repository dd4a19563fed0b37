/**
 * A talk of plain paragraphs for test and benchmark fixtures: some open with hooks, questions
 * and numbers, some are flat, so the scorer has something to rank. flite reads ~60 words in
 * ~16 s.
 */
export const TALK_PARAGRAPHS: readonly string[] = [
  'Why do most small companies fail in their first three years? Here is the secret nobody tells you. It is not money. It is not the idea. It is the team, and the way that team makes decisions when the pressure is high.',
  'Let me start with the weather report for the coast. The morning will be grey and the afternoon will be grey as well. There may be some light rain near the harbour, and the wind will come from the west for most of the day.',
  'Imagine you could save two hours every single day. What would you do with that time? Most people never ask this question, and that is the biggest mistake they make. Stop for a moment and write down your answer today.',
  'The committee met on Tuesday to review the minutes of the previous meeting. The minutes were approved without changes. The next meeting will take place in the same room at the same time, and the agenda will be sent by email.',
  'Here is a number that surprised me. Ninety percent of new habits are gone after thirty days. The reason is simple. People try to change everything at once. The trick is to change one small thing and repeat it every morning.',
  'How do you know when a plan is working? You measure it. Pick one number that matters, write it on a card, and look at it every week. If the number does not move in six weeks, change the plan, not the number.',
  'The building has four floors and a small garden at the back. The kitchen is on the ground floor next to the stairs. The offices are on the second and third floors, and the top floor is used for storage and old furniture.',
  'Nobody talks about the real cost of meetings. Ten people in a room for one hour is ten hours of work gone. Do you really need that meeting? Most of the time a short written note would do the same job in five minutes.',
  'The truth is that success is boring. It is the same small task done well one thousand times. There is no hidden trick and no magic tool. You show up, you do the work, and after two years people call you lucky.',
  'Our product list includes chairs, tables, shelves and lamps. Each item comes in three colours. Delivery takes about a week, and all items are packed in cardboard boxes that can be recycled with paper and other household waste.',
  'What is the one lesson I learned from twenty years of building software? Listen to your users before you write a single line of code. Every failed project I have seen started with a team that was sure it knew better.',
  'Finally, remember this. You do not need to be the best in the world. You need to be a little better than you were last month. Do that twelve times a year and in five years you will not recognise your own work.',
];
