// A refusal of the users API shown on the field it is about, when there is one.
import { ApiError, errorMessage } from '../../app/api';

const FIELD_OF_CODE: Partial<Record<string, string>> = {
  username_taken: 'username',
  weak_password: 'password',
  agency_required: 'agencyId',
  unknown_agency: 'agencyId',
  agency_ended: 'agencyId',
};

export type FieldError<F extends string> = { name: F; errors: string[] };

/** Errors for the form's `fields`; empty when the refusal is about none of them (show it above). */
export function fieldErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): FieldError<F>[] {
  if (!(error instanceof ApiError)) return [];
  const isField = (name: string | undefined): name is F =>
    name !== undefined && (fields as readonly string[]).includes(name);
  const byCode = FIELD_OF_CODE[error.code];
  if (isField(byCode)) return [{ name: byCode, errors: [errorMessage(error)] }];
  if (error.code !== 'invalid_input') return [];
  const fieldOf = (field: string) => field.replace(/^body\.?/, '').split('.')[0];
  const named = new Map<F, string>();
  for (const i of error.issues) {
    const name = fieldOf(i.field);
    if (!isField(name)) continue;
    // A control character (often pasted along with the text) is worth naming.
    const text =
      i.code === 'control_character'
        ? 'Có ký tự điều khiển không hợp lệ (thường do dán từ nơi khác): hãy gõ lại.'
        : 'Giá trị không hợp lệ.';
    if (!named.has(name) || i.code === 'control_character') named.set(name, text);
  }
  return [...named].map(([name, text]) => ({ name, errors: [text] }));
}
