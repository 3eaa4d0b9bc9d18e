package org.soarplaybooks.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML document of a file as a node tree that keeps where every key and value stands (line and column), plus
 * the same document as a Jackson {@link JsonNode} for the schema check.
 *
 * <p>Parsed with snakeyaml-engine (YAML 1.2), the parser Camel's YAML DSL itself uses, so syntax errors and scalar
 * types (a quoted {@code "true"} is text, {@code true} a boolean) are what the engine would see. A path into the
 * document is a list of mapping keys ({@code String}) and sequence indexes ({@code Integer}), as in
 * {@code [0, "route", "from", "steps", 3]}.
 *
 * <p>Immutable after {@link #readAll}; safe to share between threads.
 */
final class YamlDocument {

    /** The file could not be read or is not valid YAML; {@link #finding()} says where and why. */
    static final class Unreadable extends Exception {
        private final transient Finding finding;

        Unreadable(Finding finding) {
            super(finding.message(), null, false, false);
            this.finding = finding;
        }

        Finding finding() {
            return finding;
        }
    }

    /** A node reached by a path: the key it stands under (null for a sequence item or the root) and the node. */
    record Located(Node key, Node value) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 200;

    private final Path file;
    private final List<String> lines;
    private final Node root;
    private final JsonNode json;
    private final List<Finding> duplicateKeys = new ArrayList<>();

    private YamlDocument(Path file, List<String> lines, Node root) {
        this.file = file;
        this.lines = lines;
        this.root = root;
        this.json = toJson(root, 0);
    }

    /**
     * Reads every document of a YAML file (a playbook file normally holds one; {@code ---} starts another).
     *
     * @param file the file, shown in findings as given
     * @return the documents, empty for a file without any (empty or comments only)
     * @throws Unreadable with an error finding: {@code file not found}, {@code cannot read: ...},
     *         {@code is not UTF-8 text}, or {@code invalid YAML: <problem>} at the parser's line and column
     */
    static List<YamlDocument> readAll(Path file) throws Unreadable {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Unreadable(Finding.error(file, Position.START, "file not found"));
        } catch (CharacterCodingException e) {
            throw new Unreadable(Finding.error(file, Position.START, "is not UTF-8 text"));
        } catch (IOException e) {
            throw new Unreadable(Finding.error(file, Position.START, "cannot read: " + e.getMessage()));
        }
        List<String> lines = List.of(text.split("\r\n|\r|\n", -1));
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).build();
        List<YamlDocument> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                docs.add(new YamlDocument(file, lines, node));
            }
        } catch (MarkedYamlEngineException e) {
            throw new Unreadable(syntaxError(file, e));
        } catch (YamlEngineException e) {
            throw new Unreadable(Finding.error(file, Position.START, "invalid YAML: " + oneLine(e.getMessage())));
        }
        return docs;
    }

    private static Finding syntaxError(Path file, MarkedYamlEngineException e) {
        Position at = e.getProblemMark().map(YamlDocument::position)
                .or(() -> e.getContextMark().map(YamlDocument::position)).orElse(Position.START);
        StringBuilder reason = new StringBuilder("invalid YAML: ").append(oneLine(e.getProblem()));
        if (e.getContext() != null && e.getContextMark().isPresent()) {
            Position context = position(e.getContextMark().get());
            reason.append(" (").append(oneLine(e.getContext())).append(" at line ").append(context.line())
                    .append(", column ").append(context.column()).append(')');
        }
        String text = reason.toString();
        if (text.contains("block") || text.contains("mapping values are not allowed")
                || text.contains("could not find expected ':'")) {
            reason.append("; check the indentation");
        }
        return Finding.error(file, at, reason.toString());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Where a node starts ({@link Position#START} when the parser gave no mark). */
    static Position start(Node node) {
        return node == null ? Position.START
                : node.getStartMark().map(YamlDocument::position).orElse(Position.START);
    }

    /** A node tree as JSON (see {@link #json()}), for YAML read elsewhere. */
    static JsonNode jsonOf(Node node) {
        return new YamlDocument(Path.of("-"), List.of(), node).json;
    }

    /** The file this document came from, as given. */
    Path file() {
        return file;
    }

    /** The root node, null for an empty document. */
    Node root() {
        return root;
    }

    /** The document as JSON (mapping → object, sequence → array, typed scalars); {@code null} node when empty. */
    JsonNode json() {
        return json;
    }

    /** Keys given twice in one mapping (YAML forbids it; which one wins is undefined): one error each. */
    List<Finding> duplicateKeys() {
        return List.copyOf(duplicateKeys);
    }

    /** The node at {@code path} and the key it stands under, if the path exists. */
    Optional<Located> find(List<?> path) {
        Node key = null;
        Node node = root;
        for (Object element : path) {
            if (node instanceof MappingNode m && element instanceof String name) {
                NodeTuple entry = entry(m, name);
                if (entry == null) {
                    return Optional.empty();
                }
                key = entry.getKeyNode();
                node = entry.getValueNode();
            } else if (node instanceof SequenceNode s && element instanceof Integer i && i >= 0
                    && i < s.getValue().size()) {
                key = null;
                node = s.getValue().get(i);
            } else {
                return Optional.empty();
            }
        }
        return node == null ? Optional.empty() : Optional.of(new Located(key, node));
    }

    /**
     * Where to point at the node of {@code path}: its key when it stands under one (so {@code from:} for a problem
     * with the whole {@code from} mapping), else the node itself; the deepest existing ancestor when the path does
     * not exist.
     */
    Position keyPosition(List<?> path) {
        for (int n = path.size(); n >= 0; n--) {
            Optional<Located> at = find(path.subList(0, n));
            if (at.isPresent()) {
                return start(at.get().key() != null ? at.get().key() : at.get().value());
            }
        }
        return Position.START;
    }

    /** Where the value at {@code path} starts; like {@link #keyPosition} when the path does not exist. */
    Position valuePosition(List<?> path) {
        return find(path).map(l -> start(l.value())).orElseGet(() -> keyPosition(path));
    }

    /**
     * Where {@code text} stands inside a scalar as written in the file (e.g. a placeholder inside a quoted URI);
     * the scalar's start when the text cannot be found as written (escapes, folded lines).
     */
    Position positionIn(ScalarNode node, String text) {
        Optional<Mark> startMark = node.getStartMark();
        Optional<Mark> endMark = node.getEndMark();
        if (startMark.isEmpty() || endMark.isEmpty() || text.isEmpty()) {
            return start(node);
        }
        int firstLine = startMark.get().getLine();
        int lastLine = endMark.get().getLine();
        for (int l = firstLine; l <= lastLine && l < lines.size(); l++) {
            String line = lines.get(l);
            int from = l == firstLine ? Math.min(startMark.get().getColumn(), line.length()) : 0;
            int at = line.indexOf(text, from);
            if (at >= 0 && (l < lastLine || at + text.length() <= endMark.get().getColumn())) {
                return new Position(l + 1, at + 1);
            }
        }
        return start(node);
    }

    /** Calls {@code visitor} with the path and node of every node of the document, parents before children. */
    void forEachNode(BiConsumer<List<Object>, Node> visitor) {
        if (root != null) {
            visit(new ArrayList<>(), root, visitor, 0);
        }
    }

    private static void visit(List<Object> path, Node node, BiConsumer<List<Object>, Node> visitor, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        visitor.accept(List.copyOf(path), node);
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                path.add(keyText(t.getKeyNode()));
                visit(path, t.getValueNode(), visitor, depth + 1);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                path.add(i);
                visit(path, s.getValue().get(i), visitor, depth + 1);
                path.remove(path.size() - 1);
            }
        }
    }

    /** The entry of a mapping with key {@code name} (the first, if given twice), or null. */
    static NodeTuple entry(MappingNode mapping, String name) {
        for (NodeTuple t : mapping.getValue()) {
            if (name.equals(text(t.getKeyNode()))) {
                return t;
            }
        }
        return null;
    }

    /** The value under {@code name} in a mapping node, or empty. */
    static Optional<Node> value(Node mapping, String name) {
        if (mapping instanceof MappingNode m) {
            NodeTuple t = entry(m, name);
            return t == null ? Optional.empty() : Optional.of(t.getValueNode());
        }
        return Optional.empty();
    }

    /** A scalar's text; null for a mapping, a sequence, or YAML null. */
    static String text(Node node) {
        return node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()) ? s.getValue() : null;
    }

    /** Key path for messages: {@code route.from.steps[3].to}, leaving out the top-level list index. */
    static String describe(List<?> path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            Object e = path.get(i);
            if (e instanceof Integer n) {
                if (i > 0) {
                    sb.append('[').append(n).append(']');
                }
            } else {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(e);
            }
        }
        return sb.length() == 0 ? "the document" : sb.toString();
    }

    private JsonNode toJson(Node node, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return JSON.nullNode();
        }
        if (node instanceof MappingNode m) {
            ObjectNode object = JSON.objectNode();
            Map<String, Node> seen = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = keyText(t.getKeyNode());
                Node first = seen.putIfAbsent(key, t.getKeyNode());
                if (first != null) {
                    duplicateKeys.add(Finding.error(file, start(t.getKeyNode()), "duplicate key '" + key
                            + "' (first at line " + start(first).line() + "); YAML keeps only one of them"));
                    continue;
                }
                object.set(key, toJson(t.getValueNode(), depth + 1));
            }
            return object;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode array = JSON.arrayNode();
            s.getValue().forEach(item -> array.add(toJson(item, depth + 1)));
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static String keyText(Node key) {
        if (key instanceof ScalarNode s) {
            return s.getValue();
        }
        return String.valueOf(key);
    }

    private static JsonNode scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            } else if (Tag.BOOL.equals(tag)) {
                return JSON.booleanNode(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
            } else if (Tag.INT.equals(tag)) {
                BigInteger big = new BigInteger(v.replace("_", "").replaceFirst("^\\+", ""));
                return big.bitLength() < 64 ? JSON.numberNode(big.longValue()) : JSON.numberNode(big);
            } else if (Tag.FLOAT.equals(tag)) {
                return JSON.numberNode(Double.parseDouble(v));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(v);
        }
        return JSON.textNode(v);
    }

    /** The entries of a mapping node by key text, in file order; empty for anything else. */
    static Map<String, NodeTuple> entries(Node node) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> out.putIfAbsent(keyText(t.getKeyNode()), t));
        }
        return out;
    }
}
