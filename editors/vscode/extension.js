// Starts `crosscheck lsp` for Markdown and plain-text files. The index and
// the baseline are passed as initializationOptions, relative to the
// workspace folder.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("crosscheck");
  const server = { command: config.get("path"), args: ["lsp"] };
  client = new LanguageClient(
    "crosscheck",
    "crosscheck",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "plaintext" },
      ],
      initializationOptions: {
        index: config.get("index"),
        baseline: config.get("baseline") || null,
      },
    }
  );
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
