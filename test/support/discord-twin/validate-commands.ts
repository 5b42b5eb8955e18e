import { charLength, createFormErrors, isRecord, type DiscordErrorBody, type FormErrors } from './form-errors';

/** Discord's application-command limits (docs: interactions/application-commands). */
export const CommandLimit = { chatInputCommands: 100, options: 25, choices: 25, name: 32, description: 100 } as const;

const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

type Path = (string | number)[];

/** Rough validation of a bulk-overwrite body; returns Discord's 50035 body or null. */
export function validateCommands(body: unknown): DiscordErrorBody | null {
  const errors = createFormErrors();
  if (!Array.isArray(body)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors.toBody();
  }
  const chatInput = body.filter((command) => isRecord(command) && (command.type ?? CHAT_INPUT) === CHAT_INPUT);
  if (chatInput.length > CommandLimit.chatInputCommands) {
    errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimit.chatInputCommands} or fewer in length.`);
  }
  const seen = new Set<string>();
  body.forEach((command: unknown, index) => {
    if (!isRecord(command)) return errors.add([index], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const key = `${String(command.type ?? CHAT_INPUT)}:${String(command.name)}`;
    if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    seen.add(key);
    validateCommand(command, [index], errors);
  });
  return errors.toBody();
}

export function validateCommand(command: Record<string, unknown>, path: Path, errors: FormErrors): void {
  const type = command.type ?? CHAT_INPUT;
  if (type !== CHAT_INPUT) {
    // user and message commands: free-form names up to 32 characters, no description
    if (typeof command.name !== 'string' || charLength(command.name) < 1 || charLength(command.name) > CommandLimit.name) {
      errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    }
    return;
  }
  checkName(command.name, [...path, 'name'], errors);
  checkDescription(command.description, [...path, 'description'], errors);
  checkOptions(command.options, [...path, 'options'], 0, errors);
}

function checkName(name: unknown, path: Path, errors: FormErrors): void {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name !== name.toLowerCase()) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(description: unknown, path: Path, errors: FormErrors): void {
  const length = typeof description === 'string' ? charLength(description) : 0;
  if (length < 1 || length > CommandLimit.description) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CommandLimit.description} in length.`);
  }
}

/** depth 0: top level of a command; 1: inside a group or subcommand; 2: inside a grouped subcommand. */
function checkOptions(options: unknown, path: Path, depth: number, errors: FormErrors): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) return errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (options.length > CommandLimit.options) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimit.options} or fewer in length.`);
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((option: unknown, index) => {
    const at = [...path, index];
    if (!isRecord(option)) return errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    checkName(option.name, [...at, 'name'], errors);
    checkDescription(option.description, [...at, 'description'], errors);
    if (typeof option.name === 'string' && names.has(option.name)) {
      errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    }
    names.add(String(option.name));
    checkNesting(option, at, depth, errors);
    if (option.required === true && sawOptional) {
      errors.add(at, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true && option.type !== SUB_COMMAND && option.type !== SUB_COMMAND_GROUP) sawOptional = true;
    if (Array.isArray(option.choices) && option.choices.length > CommandLimit.choices) {
      errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimit.choices} or fewer in length.`);
    }
  });
}

function checkNesting(option: Record<string, unknown>, at: Path, depth: number, errors: FormErrors): void {
  const type = option.type;
  if (typeof type !== 'number' || type < 1 || type > 11) {
    return errors.add([...at, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
  }
  const isGroup = type === SUB_COMMAND_GROUP;
  const isSub = type === SUB_COMMAND;
  if ((isGroup && depth > 0) || (isSub && depth > 1)) {
    return errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command options cannot be nested here');
  }
  if (isGroup || isSub) checkOptions(option.options, [...at, 'options'], isGroup ? 1 : 2, errors);
}
