/**
 * The small schemas every feature shares — ids, job ids, dates, preview tokens, paths,
 * counts — defined once here, so each is checked and worded the same everywhere.
 */
import { z } from 'zod';

/** A job id lets a long operation report progress and be cancelled. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a job id');

/** A vendor's id. */
export const VendorIdSchema = z.string().uuid('Not a vendor id');

/** An assessment's id. */
export const AssessmentIdSchema = z.string().uuid('Not an assessment id');

/** A calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD');

/** The token of an import's preview, which its apply or discard names. */
export const PreviewTokenSchema = z.string().uuid('Not a preview');

/** A file path named by this process itself (the CLI), never by the page. */
export const FilePathSchema = z.string().min(1).max(4096);

/** A whole number of things. */
export const CountSchema = z.number().int();

/**
 * A record's version on a team database, as the window read it: a save sends it back and is
 * refused when a colleague saved since (docs/team.md, "Two people, one record"). 0: the
 * window read no such record (an answer nobody had given), so one saved since is refused too.
 */
export const RowVersionSchema = z.number().int().min(0);

/** An operation that takes nothing. */
export const EmptyRequestSchema = z.object({}).strict();
