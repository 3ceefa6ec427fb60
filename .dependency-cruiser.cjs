/**
 * The layers of Kravbank, lowest first. A lib may import only libs of lower layers
 * (peers in one layer stay apart), and only through their entry point `@kravbank/<lib>`
 * (libs/<lib>/src/index.ts). Apps sit on top. Audit sits below identity: an administrator's change to an
 * organisation, a user or an API key is audited in the transaction that makes it. `npm run lint` checks this; CI fails on a wrong import.
 *
 *   common  <-  database  <-  audit  <-  identity  <-  catalogue  <-  editorial, search, export  <-  specifications  <-  offers  <-  apps
 */
const LAYERS = [
  ['common'],
  ['database'],
  ['audit'],
  ['identity'],
  ['catalogue'],
  ['editorial', 'search', 'export'],
  ['specifications'],
  ['offers'],
];

const allowedBelow = (layer) => LAYERS.slice(0, layer).flat();

const layerRules = LAYERS.flatMap((libs, layer) =>
  libs.map((lib) => {
    const allowed = [lib, ...allowedBelow(layer)];
    return {
      name: `layer-${lib}`,
      comment: `${lib} may import only ${allowed.filter((l) => l !== lib).join(', ') || 'no other lib'}`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: '^(libs|apps)/', pathNot: `^libs/(${allowed.join('|')})/` },
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'lib-entry-point-only',
      comment: 'Another lib is imported through @kravbank/<lib> (its src/index.ts), never a deep path',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-import-of-apps',
      comment: 'Libs never import apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Apps and libs do not import test code',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular-between-libs',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true, pathNot: '^(node_modules)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|apps/web)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
  },
};
