/** Why an object is in the media store: a client's upload, or a file a job produced (clip, thumbnail). */
export const MEDIA_PURPOSES = { upload: 'upload', output: 'output' } as const;
export type MediaPurpose = (typeof MEDIA_PURPOSES)[keyof typeof MEDIA_PURPOSES];

/** Who an object in the media store belongs to, recorded on every put. */
export interface MediaOwner {
  readonly projectId: string;
  /** The job that wrote it (outputs), or that it was uploaded for, when known. */
  readonly jobId?: string;
  readonly purpose: MediaPurpose;
}

/**
 * Keys of the object's own metadata (the JSON info entry of the object store, so every server
 * version keeps them; only stream-level metadata needs 2.10).
 */
const KEYS = { project: 'jetjobs-project', job: 'jetjobs-job', purpose: 'jetjobs-purpose' } as const;

/** The metadata a put records for `owner`. */
export function mediaOwnerMetadata(owner: MediaOwner): Record<string, string> {
  return {
    [KEYS.project]: owner.projectId,
    [KEYS.purpose]: owner.purpose,
    ...(owner.jobId === undefined ? {} : { [KEYS.job]: owner.jobId }),
  };
}

/** The owner an object records, or null for an object that records none (never readable by a project). */
export function mediaOwnerOf(metadata: Readonly<Record<string, string>> | undefined | null): MediaOwner | null {
  const projectId = metadata?.[KEYS.project];
  const purpose = metadata?.[KEYS.purpose];
  if (!projectId || !isPurpose(purpose)) return null;
  const jobId = metadata?.[KEYS.job];
  return jobId ? { projectId, purpose, jobId } : { projectId, purpose };
}

/**
 * True when the object belongs to `projectId` (and, if given, has that purpose). Every read on a
 * project's behalf asks this first; a false answer is reported exactly like a missing object, so
 * a project cannot even learn that another project's object exists.
 */
export function isOwnedBy(metadata: Readonly<Record<string, string>> | undefined | null, projectId: string, purpose?: MediaPurpose): boolean {
  const owner = mediaOwnerOf(metadata);
  return owner !== null && owner.projectId === projectId && (purpose === undefined || owner.purpose === purpose);
}

function isPurpose(value: string | undefined): value is MediaPurpose {
  return (Object.values(MEDIA_PURPOSES) as (string | undefined)[]).includes(value);
}
