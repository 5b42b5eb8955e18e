import { charLength, createFormErrors, isRecord, maxLengthError, type DiscordErrorBody, type FormErrors } from './form-errors';
import { checkComponents } from './validate-components';

/** Discord's message limits (docs: resources/message, "Embed Limits"). */
export const MessageLimit = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  totalEmbedChars: 6000,
  nonce: 25,
} as const;

type Path = (string | number)[];

export interface ValidateMessageOptions {
  /** Edits may leave everything out; creates must carry something to show. */
  allowEmpty?: boolean;
}

/** Returns Discord's error body (50035 Invalid Form Body, or 50006 empty message) or null when the body is valid. */
export function validateMessageBody(body: unknown, options: ValidateMessageOptions = {}): DiscordErrorBody | null {
  if (!isRecord(body)) return { code: 50109, message: 'The request body contains invalid JSON.' };
  const errors = createFormErrors();
  checkContent(body.content, errors);
  checkEmbeds(body.embeds, errors);
  checkNonce(body.nonce, errors);
  checkAllowedMentions(body.allowed_mentions, errors);
  checkComponents(body.components, errors);
  const formErrors = errors.toBody();
  if (formErrors) return formErrors;
  if (!options.allowEmpty && isEmptyMessage(body)) return { code: 50006, message: 'Cannot send an empty message' };
  return null;
}

function checkContent(content: unknown, errors: FormErrors): void {
  if (content === undefined || content === null) return;
  if (typeof content !== 'string') return errors.add(['content'], 'BASE_TYPE_STRING', 'Must be a string.');
  if (charLength(content) > MessageLimit.content) errors.add(['content'], ...maxLengthError(MessageLimit.content));
}

function checkEmbeds(embeds: unknown, errors: FormErrors): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return errors.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (embeds.length > MessageLimit.embeds) errors.add(['embeds'], ...maxLengthError(MessageLimit.embeds));
  let total = 0;
  embeds.forEach((embed: unknown, index) => {
    if (!isRecord(embed)) return errors.add(['embeds', index], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    total += checkEmbed(embed, ['embeds', index], errors);
  });
  if (total > MessageLimit.totalEmbedChars) {
    errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MessageLimit.totalEmbedChars}`);
  }
}

/** Checks one embed and returns the characters it counts towards the 6000 total. */
function checkEmbed(embed: Record<string, unknown>, path: Path, errors: FormErrors): number {
  let total = 0;
  total += checkText(embed.title, [...path, 'title'], MessageLimit.title, false, errors);
  total += checkText(embed.description, [...path, 'description'], MessageLimit.description, false, errors);
  for (const key of ['url'] as const) checkUrl(embed[key], [...path, key], errors);
  for (const key of ['image', 'thumbnail'] as const) {
    if (isRecord(embed[key])) checkUrl(embed[key].url, [...path, key, 'url'], errors);
  }
  if (embed.color !== undefined && embed.color !== null) {
    const color = embed.color;
    if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  if (isRecord(embed.footer)) total += checkText(embed.footer.text, [...path, 'footer', 'text'], MessageLimit.footerText, true, errors);
  if (isRecord(embed.author)) total += checkText(embed.author.name, [...path, 'author', 'name'], MessageLimit.authorName, true, errors);
  total += checkFields(embed.fields, [...path, 'fields'], errors);
  return total;
}

function checkFields(fields: unknown, path: Path, errors: FormErrors): number {
  if (fields === undefined || fields === null) return 0;
  if (!Array.isArray(fields)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return 0;
  }
  if (fields.length > MessageLimit.fields) errors.add(path, ...maxLengthError(MessageLimit.fields));
  let total = 0;
  fields.forEach((field: unknown, index) => {
    const record = isRecord(field) ? field : {};
    total += checkText(record.name, [...path, index, 'name'], MessageLimit.fieldName, true, errors);
    total += checkText(record.value, [...path, index, 'value'], MessageLimit.fieldValue, true, errors);
  });
  return total;
}

function checkText(value: unknown, path: Path, max: number, required: boolean, errors: FormErrors): number {
  if (value === undefined || value === null || value === '') {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return 0;
  }
  const length = charLength(value);
  if (length > max) errors.add(path, ...maxLengthError(max));
  return length;
}

function checkUrl(value: unknown, path: Path, errors: FormErrors): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string' && /^(https?|attachment):\/\/\S+$/i.test(value)) return;
  errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
}

function checkNonce(nonce: unknown, errors: FormErrors): void {
  if (nonce === undefined || nonce === null) return;
  if (typeof nonce === 'number' && Number.isInteger(nonce)) return;
  if (typeof nonce === 'string' && nonce.length <= MessageLimit.nonce) return;
  errors.add(['nonce'], ...maxLengthError(MessageLimit.nonce));
}

function checkAllowedMentions(mentions: unknown, errors: FormErrors): void {
  if (mentions === undefined || mentions === null) return;
  if (!isRecord(mentions)) return errors.add(['allowed_mentions'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const parse = Array.isArray(mentions.parse) ? mentions.parse : [];
  for (const kind of ['users', 'roles'] as const) {
    const list = mentions[kind];
    if (parse.includes(kind) && Array.isArray(list) && list.length > 0) {
      errors.add(
        ['allowed_mentions'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

function isEmptyMessage(body: Record<string, unknown>): boolean {
  const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  return !hasContent && !['embeds', 'attachments', 'sticker_ids', 'components'].some((key) => hasItems(body[key])) && !body.poll;
}
