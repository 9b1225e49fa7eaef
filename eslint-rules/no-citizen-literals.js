/**
 * ESLint rule: no words a citizen reads written straight into a renderer component. JSX text and
 * string literals in the attributes a screen reader or the eye shows (aria-label, title, alt,
 * placeholder, ...) must come from the i18n catalogues (`t('key')`). Text made only of whitespace,
 * digits, punctuation and symbols is allowed (a keypad's "7", a "·" separator), and so are the
 * strings listed in the `allow` option (e.g. the "X" of an ID number, a language's own name).
 */
const ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'alt', 'placeholder', 'label'];
const NO_WORDS = /^[\s\p{N}\p{P}\p{S}]*$/u;

/** @type {import('eslint').Rule.RuleModule} */
export const noCitizenLiterals = {
  meta: {
    type: 'problem',
    docs: { description: 'citizen-facing words in JSX come from the i18n catalogues' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } }, attributes: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      text: 'Literal text "{{text}}" in JSX: put the words in renderer/i18n/{zh-CN,zh-TW,en}.json and use t(key).',
      attribute: 'Literal {{name}}="{{text}}": put the words in renderer/i18n/{zh-CN,zh-TW,en}.json and use t(key).',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const allow = new Set(options.allow ?? []);
    const attributes = new Set([...ATTRIBUTES, ...(options.attributes ?? [])]);
    const acceptable = (text) => NO_WORDS.test(text) || allow.has(text.trim());
    const shown = (text) => text.trim().slice(0, 40);
    /** The string values an expression can take, when they are written out in it. */
    const literals = (node) => {
      if (!node) return [];
      if (node.type === 'Literal' && typeof node.value === 'string') return [node];
      if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return [node];
      if (node.type === 'ConditionalExpression') return [...literals(node.consequent), ...literals(node.alternate)];
      if (node.type === 'LogicalExpression') return [...literals(node.left), ...literals(node.right)];
      return [];
    };
    const valueOf = (node) => (node.type === 'Literal' ? node.value : node.quasis[0].value.cooked);
    return {
      JSXText(node) {
        if (!acceptable(node.value)) context.report({ node, messageId: 'text', data: { text: shown(node.value) } });
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXAttribute') return;
        for (const literal of literals(node.expression)) {
          const text = valueOf(literal);
          if (!acceptable(text)) context.report({ node: literal, messageId: 'text', data: { text: shown(text) } });
        }
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXNamespacedName' ? `${node.name.namespace.name}:${node.name.name.name}` : node.name.name;
        if (!attributes.has(name) || !node.value) return;
        const found = node.value.type === 'JSXExpressionContainer' ? literals(node.value.expression) : literals(node.value);
        for (const literal of found) {
          const text = valueOf(literal);
          if (!acceptable(text)) context.report({ node: literal, messageId: 'attribute', data: { name, text: shown(text) } });
        }
      },
    };
  },
};
