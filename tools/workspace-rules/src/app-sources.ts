import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Node } from "typescript/unstable/ast";
import { SyntaxKind } from "typescript/unstable/ast";
import {
  isCallExpression,
  isExportDeclaration,
  isExternalModuleReference,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isImportTypeNode,
  isLiteralTypeNode,
  isStringLiteralLikeNode,
} from "typescript/unstable/ast/is";
import { API } from "typescript/unstable/sync";
import { type AppSource, isRuntimeFile } from "./rules";

/**
 * Each app's source as the layer check needs it: the folders under `<dir>/src/` and, for every runtime file,
 * every module it imports (`import`, `import type`, `export … from`, `import()`, `import("…")` in a type),
 * read from TypeScript's own syntax tree, so a comment or a string that looks like an import counts for
 * nothing and no form of import escapes. TypeScript 7 parses in its native compiler, which its
 * `unstable/sync` API runs as a child process for the duration of one call.
 */
export function readAppSources(root: string, appDirs: readonly string[]): AppSource[] {
  const apps = appDirs.map((dir) => {
    const src = join(root, dir, "src");
    const entries = readdirSync(src, { withFileTypes: true });
    return {
      dir,
      src,
      folders: entries.filter((e) => e.isDirectory()).map((e) => e.name),
      paths: filesUnder(src).filter(isRuntimeFile).sort(),
    };
  });
  const fileNames = apps.flatMap((app) => app.paths.map((path) => join(app.src, path)));
  if (fileNames.length === 0) return apps.map(({ dir, folders }) => ({ dir, folders, files: [] }));
  const api = new API({ cwd: root });
  try {
    const snapshot = api.updateSnapshot({ openFiles: fileNames });
    return apps.map(({ dir, src, folders, paths }) => ({
      dir,
      folders,
      files: paths.map((path) => {
        const fileName = join(src, path);
        const sourceFile = snapshot.getDefaultProjectForFile(fileName)?.program.getSourceFile(fileName);
        if (!sourceFile) throw new Error(`${relative(root, fileName)}: TypeScript did not load the file`);
        return { path, ...moduleSpecifiers(sourceFile) };
      }),
    }));
  } finally {
    api.close();
  }
}

/** Every module specifier a syntax tree names, in source order, and every one it computes, as written. */
function moduleSpecifiers(node: Node): { imports: string[]; computedImports: string[] } {
  const imports: string[] = [];
  const computedImports: string[] = [];
  const text = (expression: Node | undefined): void => {
    if (!expression) return;
    if (isStringLiteralLikeNode(expression)) imports.push(expression.text);
    else computedImports.push(expression.getText());
  };
  const visit = (child: Node): void => {
    if (isImportDeclaration(child) || isExportDeclaration(child)) text(child.moduleSpecifier);
    else if (isImportEqualsDeclaration(child) && isExternalModuleReference(child.moduleReference)) {
      text(child.moduleReference.expression);
    } else if (isCallExpression(child) && child.expression.kind === SyntaxKind.ImportKeyword) {
      text(child.arguments[0]);
    } else if (isImportTypeNode(child) && isLiteralTypeNode(child.argument)) text(child.argument.literal);
    child.forEachChild(visit);
  };
  visit(node);
  return { imports, computedImports };
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(path, base);
    return [relative(base, path).split(sep).join("/")];
  });
}
