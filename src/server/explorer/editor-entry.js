// The explorer's editor (bundled by scripts/explorer-bundle.mjs into /explorer/editor.js):
// monaco with @kusto/monaco-kusto, whose completion and diagnostics come from the official Kusto
// language service running in its own worker, given the server's schema.
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hover';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter';
import { getKustoWorker } from '@kusto/monaco-kusto/release/esm/monaco.contribution';

// Same-origin worker scripts (the CSP allows workers of 'self' only; no blob: worker).
self.MonacoEnvironment = {
  getWorker(_moduleId, label) {
    return new Worker(label === 'kusto' ? '/explorer/kusto.worker.js' : '/explorer/editor.worker.js', { name: label });
  },
};

/**
 * Creates the editor in `element` with `text`; `onRun(text)` is called for Ctrl+Enter and
 * Shift+Enter with the editor's text.
 * Returns { getValue, setValue, focus, setSchema(showSchemaResult) }.
 */
export function createEditor(element, text, onRun) {
  const editor = monaco.editor.create(element, {
    value: text,
    language: 'kusto',
    theme: 'kusto-light',
    minimap: { enabled: false },
    automaticLayout: true,
    scrollBeyondLastLine: false,
    fontSize: 13,
    wordWrap: 'on',
    suggestOnTriggerCharacters: true,
  });
  const run = () => onRun(editor.getValue());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, run);
  editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, run);
  return {
    getValue: () => editor.getValue(),
    setValue: (v) => editor.setValue(v),
    focus: () => editor.focus(),
    /** The answer of `.show database schema as json` (Kusto's Result: { Plugins, Databases }). */
    async setSchema(showSchema, clusterUrl, database) {
      const getWorker = await getKustoWorker();
      const worker = await getWorker(editor.getModel().uri);
      await worker.setSchemaFromShowSchema(showSchema, clusterUrl, database);
    },
    /** Diagnostics Kusto's language service put on the text (for the page and its tests). */
    markers: () => monaco.editor.getModelMarkers({ resource: editor.getModel().uri }).map((m) => ({ message: m.message, severity: m.severity })),
  };
}
