// ESLint rule: each folder of src/ imports only the folders and libraries its allow-list names (eslint.config.js).
// Anything unlisted is denied: a new folder, a file directly in src/ (other than those listed), a second folder
// importing a library. Node's built-in modules are open to every listed folder.
const path = require('node:path');
const { builtinModules } = require('node:module');

const builtins = new Set(builtinModules);

/** 'discord.js/x' → 'discord.js', '@keyv/redis/y' → '@keyv/redis'. */
function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Where a file sits: its folder under src/ ('app', 'poll' …) or, for a file directly in src/, 'cli.ts'-like names. */
function placeOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  // A file directly in src/ ('../cli' names src/cli.ts, not the cli/ folder).
  if (parts.length === 1) return parts[0].endsWith('.ts') ? parts[0] : `${parts[0]}.ts`;
  return parts[0];
}

function verdict(allowed, from, srcRoot, file, spec) {
  const rule = allowed[from];
  const where = from.endsWith('.ts') ? `src/${from}` : `src/${from}/`;
  if (!rule) return `${where} has no allow-list in eslint.config.js: give it one (what it may import) before it imports '${spec}'.`;
  if (spec.startsWith('.')) {
    const target = placeOf(srcRoot, path.resolve(path.dirname(file), spec));
    if (target === from) return undefined;
    if (target === undefined) return `${where} may not import '${spec}' from outside src/.`;
    if ((rule.folders ?? []).includes(target)) return undefined;
    return `${where} may not import src/${target}${target.includes('.') ? '' : '/'} (allowed: ${(rule.folders ?? []).join(', ') || 'no other folder'}).`;
  }
  if (spec.startsWith('node:') || builtins.has(spec)) return undefined;
  const name = packageName(spec);
  if ((rule.libraries ?? []).includes(name)) return undefined;
  const owner = Object.entries(allowed).find(([, r]) => (r.libraries ?? []).includes(name));
  return owner
    ? `${where} may not import '${name}': it belongs to src/${owner[0]}/ alone; ask a small function there.`
    : `${where} may not import '${name}': no folder lists it in eslint.config.js.`;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each src/ folder imports only the folders and libraries its allow-list names.' },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' }, allowed: { type: 'object' } }, required: ['srcRoot', 'allowed'] }],
  },
  create(context) {
    const { srcRoot, allowed } = context.options[0];
    const file = context.filename;
    const from = placeOf(srcRoot, file);
    if (from === undefined) return {};
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = verdict(allowed, from, srcRoot, file, source.value);
      if (message) context.report({ node: source, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};
