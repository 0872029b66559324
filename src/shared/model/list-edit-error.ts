/** A refused edit of a project list (entities, own places): the message is for the user, the reason maps to the API error code. */
export class ListEditError extends Error {
  constructor(message: string, readonly reason: 'invalid' | 'not-found' | 'conflict') {
    super(message);
    this.name = new.target.name;
  }
}
