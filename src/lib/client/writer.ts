/** Where the screens find the Writer for local writes; it lives with the database (db/writer.ts). */
export { currentWriter } from './db/writer';
