import { charLength, isRecord, maxLengthError, type FormErrors } from './form-errors';

/** Discord's message component limits (docs: components/reference, legacy layout of action rows). */
export const ComponentLimit = {
  rows: 5,
  perRow: 5,
  label: 80,
  customId: 100,
} as const;

/** Component types (docs: components/reference). */
export const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3, TextInput: 4, UserSelect: 5, RoleSelect: 6, MentionableSelect: 7, ChannelSelect: 8 } as const;
/** Button styles: Primary 1, Secondary 2, Success 3, Danger 4 take a custom_id; Link 5 a url; Premium 6 a sku_id. */
const CUSTOM_ID_STYLES = new Set([1, 2, 3, 4]);
const SELECT_TYPES = new Set<number>([3, 5, 6, 7, 8]);

type Path = (string | number)[];

/**
 * Checks `components` of a message body the way Discord does for the classic layout: at most 5 action rows,
 * each with 1–5 buttons or exactly one select menu; buttons with a valid style, a label of at most 80
 * characters (or an emoji), a custom_id of at most 100 (unique in the message) or, for link buttons, a url.
 */
export function checkComponents(components: unknown, errors: FormErrors): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) return errors.add(['components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (components.length > ComponentLimit.rows) errors.add(['components'], ...maxLengthError(ComponentLimit.rows));
  const ids = new Set<string>();
  components.forEach((row: unknown, index) => checkRow(row, ['components', index], ids, errors));
}

function checkRow(row: unknown, path: Path, ids: Set<string>, errors: FormErrors): void {
  if (!isRecord(row)) return errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  if (row.type !== ComponentType.ActionRow) return errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
  const children = row.components;
  if (!Array.isArray(children) || children.length === 0) return errors.add([...path, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  if (children.length > ComponentLimit.perRow) errors.add([...path, 'components'], ...maxLengthError(ComponentLimit.perRow));
  const selects = children.filter((child) => isRecord(child) && SELECT_TYPES.has(Number(child.type)));
  if (selects.length > 0 && children.length > 1) {
    errors.add([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  }
  children.forEach((child: unknown, index) => checkChild(child, [...path, 'components', index], ids, errors));
}

function checkChild(child: unknown, path: Path, ids: Set<string>, errors: FormErrors): void {
  if (!isRecord(child)) return errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  if (child.type === ComponentType.Button) return checkButton(child, path, ids, errors);
  if (SELECT_TYPES.has(Number(child.type))) return checkCustomId(child.custom_id, [...path, 'custom_id'], ids, errors);
  errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
}

function checkButton(button: Record<string, unknown>, path: Path, ids: Set<string>, errors: FormErrors): void {
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    return errors.add([...path, 'style'], 'UNION_TYPE_CHOICES', 'Value of field "style" must be one of (1, 2, 3, 4, 5, 6).');
  }
  if (button.label !== undefined && button.label !== null) {
    if (typeof button.label !== 'string') errors.add([...path, 'label'], 'BASE_TYPE_STRING', 'Must be a string.');
    else if (charLength(button.label) > ComponentLimit.label) errors.add([...path, 'label'], ...maxLengthError(ComponentLimit.label));
  }
  if (style !== 6 && !button.label && !button.emoji) errors.add([...path, 'label'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (CUSTOM_ID_STYLES.has(style)) {
    if (button.url !== undefined) errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'A url cannot be specified for a non-link button');
    checkCustomId(button.custom_id, [...path, 'custom_id'], ids, errors);
  } else if (style === 5) {
    if (typeof button.url !== 'string' || !/^(https?|discord):\/\/\S+$/i.test(button.url)) errors.add([...path, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    if (button.custom_id !== undefined) errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be specified for a link button');
  }
}

function checkCustomId(customId: unknown, path: Path, ids: Set<string>, errors: FormErrors): void {
  if (typeof customId !== 'string' || customId.length === 0) return errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (charLength(customId) > ComponentLimit.customId) errors.add(path, ...maxLengthError(ComponentLimit.customId));
  if (ids.has(customId)) errors.add(path, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  ids.add(customId);
}

/** The custom_ids of the buttons in a stored message, with whether each is disabled. */
export function buttonsOf(components: unknown): { customId: string; label?: string; disabled: boolean }[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((row: unknown) =>
    isRecord(row) && Array.isArray(row.components)
      ? row.components.filter((c: unknown): c is Record<string, unknown> => isRecord(c) && c.type === ComponentType.Button && typeof c.custom_id === 'string').map((c) => ({
          customId: String(c.custom_id),
          ...(typeof c.label === 'string' ? { label: c.label } : {}),
          disabled: c.disabled === true,
        }))
      : [],
  );
}
