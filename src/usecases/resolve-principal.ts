import type { PrincipalFilter } from '../commands/principal-filter';
import { principalLabel, type Directory, type Principal, type PrincipalQuery } from '../directory/principal';
import { errorCardData } from '../cards/error-card';
import { dataText } from '../cards/text';
import type { ErrorCardData } from '../cards/view-models';
import { AppError, ErrorCode } from '../errors';

/** At most this many namesakes are listed on the card. */
export const MAX_CANDIDATES_SHOWN = 10;

/** What a `by <UPN>` or `by "<name>"` filter came to. Every outcome is a value. */
export type PrincipalResolution =
  | { readonly kind: 'resolved'; readonly id: string; readonly principal: Principal }
  | { readonly kind: 'not-found' }
  /** Several principals carry the name: `candidates` holds the first MAX_CANDIDATES_SHOWN, `total` counts all. */
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Principal[]; readonly total: number }
  | { readonly kind: 'lookup-failed' };

/** Finds the one principal a UPN or display name means, before anything is sent to Defender. */
export async function resolvePrincipal(directory: Directory, query: PrincipalQuery): Promise<PrincipalResolution> {
  const search = await directory.find(query);
  if (search.kind === 'failed') return { kind: 'lookup-failed' };
  const [first, ...others] = search.principals;
  if (first === undefined) return { kind: 'not-found' };
  if (others.length === 0) return { kind: 'resolved', id: first.id, principal: first };
  const sorted = [...search.principals].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  return { kind: 'ambiguous', candidates: sorted.slice(0, MAX_CANDIDATES_SHOWN), total: sorted.length };
}

/** How the ask named the principal, in the words of the reply: `"Adele Vance"`, `adele.vance@contoso.com`. */
function asked(query: PrincipalQuery): string {
  return query.kind === 'upn' ? query.upn : `"${query.name}"`;
}

/** The directory query of a `by` filter that needs one (UPN or display name). */
export function principalQuery(filter: PrincipalFilter | undefined): PrincipalQuery | undefined {
  if (filter?.kind === 'upn') return { kind: 'upn', upn: filter.upn };
  if (filter?.kind === 'name') return { kind: 'name', name: filter.name };
  return undefined;
}

/** The error card's content for a resolution that found no single principal; nothing is searched then. */
export function resolutionError(query: PrincipalQuery, resolution: Exclude<PrincipalResolution, { kind: 'resolved' }>): AppError {
  switch (resolution.kind) {
    case 'not-found':
      return new AppError(ErrorCode.PrincipalNotFound, `No user or service principal ${query.kind === 'upn' ? 'has the user principal name' : 'is named'} ${asked(query)} in the directory.`, {
        hint:
          query.kind === 'upn'
            ? 'Check the spelling (it is the sign-in name, which can differ from the mail address), type the display name in quotes, like by "Adele Vance", or use by <object id>.'
            : 'Type the display name exactly as Entra shows it (any case), or use by <user principal name> or by <object id>.',
      });
    case 'ambiguous': {
      const more = resolution.total - resolution.candidates.length;
      const choices = resolution.candidates.map((p) => `by ${p.id} for ${principalLabel(p)}`);
      return new AppError(ErrorCode.PrincipalAmbiguous, `${resolution.total} principals are named ${asked(query)}; SecretWatch will not guess which one you mean.`, {
        hint: `Ask again with one of these: ${choices.join('; ')}${more > 0 ? `; … and ${more} more (use by <user principal name> to pick one of those)` : ''}.`,
      });
    }
    case 'lookup-failed':
      return new AppError(ErrorCode.DirectoryUnavailable, `SecretWatch could not look ${asked(query)} up in the directory.`, {
        hint: 'Use by <object id> for now. If it keeps happening, an administrator should check that the app has User.Read.All and Application.Read.All (or Directory.Read.All).',
      });
  }
}

/** The card for a name filter when SecretWatch has no directory at all. */
export function noDirectoryError(query: PrincipalQuery): AppError {
  return new AppError(ErrorCode.DirectoryUnavailable, `SecretWatch has no directory to look ${asked(query)} up in, so names cannot be resolved.`, {
    hint: 'Use by <object id> instead.',
  });
}

/**
 * The error card for these outcomes. An ambiguity lists up to ten `by <object id>` choices: longer
 * than error cards usually allow for a hint (400 characters), so the hint keeps its full length here.
 */
export function resolutionCardData(error: AppError, at: Date, title: string): ErrorCardData {
  return { ...errorCardData(error, at, title), hint: dataText(error.hint, 1600) };
}
