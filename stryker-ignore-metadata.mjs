// A Stryker ignorer (https://stryker-mutator.io/docs/stryker-js/disable-mutants/#using-an-ignore-plugin):
// no mutants in a rule's `docs.evidence`. Those strings are where a rule's claim was observed or
// reported, for the people reading the source; nothing renders, prints or tests them (docs/rules.md
// comes from the README and `docs.summary`, which stays mutated and is checked by the rule-docs
// meta-test). A mutant there cannot change what proxylint does, so it could only ever "survive".
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const keyName = (p) => (p.node.key.type === 'Identifier' ? p.node.key.name : p.node.key.value);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'rule-evidence', {
    shouldIgnore(path) {
      if (!path.isObjectProperty() || keyName(path) !== 'evidence') return undefined;
      const docs = path.parentPath?.parentPath;
      if (docs?.isObjectProperty() && keyName(docs) === 'docs') return "a rule's docs.evidence: source notes, never rendered or printed";
      return undefined;
    },
  }),
];
