/** The lint rule that keeps citizen-facing words out of renderer JSX, run on small components. */
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { noCitizenLiterals } from '../../eslint-rules/no-citizen-literals.js';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

tester.run('no-citizen-literals', noCitizenLiterals, {
  valid: [
    { code: 'const A = () => <p>{t("prompt")}</p>;' },
    { code: 'const A = () => <button aria-label={t("keypad.delete")}>{"\\u00a0"} · 7</button>;' },
    { code: 'const A = () => <img alt="" className="photo" data-testid="face" />;' },
    { code: 'const A = () => <span title="X">X</span>;', options: [{ allow: ['X'] }] },
  ],
  invalid: [
    { code: 'const A = () => <p>请插入证件</p>;', errors: [{ messageId: 'text' }] },
    { code: 'const A = () => <p>{"Insert the permit"}</p>;', errors: [{ messageId: 'text' }] },
    { code: 'const A = () => <button aria-label="Delete" />;', errors: [{ messageId: 'attribute' }] },
    { code: 'const A = () => <img alt={ok ? "Done" : t("failed")} />;', errors: [{ messageId: 'attribute' }] },
    { code: 'const A = () => <input placeholder={`Type here`} />;', errors: [{ messageId: 'attribute' }] },
    { code: 'const A = () => <span title="X">X</span>;', errors: [{ messageId: 'attribute' }, { messageId: 'text' }] },
  ],
});
