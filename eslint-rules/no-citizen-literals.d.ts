import type { Rule } from 'eslint';

export declare const noCitizenLiterals: Rule.RuleModule;
