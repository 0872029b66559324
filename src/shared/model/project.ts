/** The project manifest: name, tag schema and annotators. */
import { z } from 'zod';
import { TagSchemaSchema } from './tag-schema';

export const AnnotatorSchema = z.object({
  /** Folder name under `annotations/`; a safe id. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/),
  name: z.string().min(1).max(120),
});
export type Annotator = z.infer<typeof AnnotatorSchema>;

export const ManifestSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-project'),
  name: z.string().min(1).max(200),
  createdAt: z.string(),
  /** Default language of the project's documents (BCP 47). */
  language: z.string().max(35),
  tagSchema: TagSchemaSchema,
  annotators: z.array(AnnotatorSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;
