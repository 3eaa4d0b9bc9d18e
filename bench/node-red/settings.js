// Node-RED settings for bench/run.sh: the benchmark flow only, no editor, no admin API, quiet logs.
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: parseInt(process.env.BENCH_NODE_RED_PORT || "18484", 10),
    httpAdminRoot: false,
    flowFile: require("path").join(__dirname, "flow.json"),
    userDir: process.env.BENCH_NODE_RED_USER_DIR,
    credentialSecret: false,
    logging: { console: { level: "warn", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
    externalModules: { autoInstall: false }
};
