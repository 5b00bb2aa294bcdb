package io.teammusic.subsonic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a Subsonic response, written as XML or JSON by {@link SubsonicWriter}. The two formats differ in
 * ways a plain object mapper gets wrong: XML attributes vs typed JSON fields, repeated XML elements vs JSON arrays
 * that must stay arrays even with one item, and element text vs a JSON {@code value}. So each child says whether
 * it is a single object, a list of objects or a list of scalars, and each format follows that.
 */
final class Node {

    sealed interface Child permits Single, Many, Scalars {
        String name();
    }

    record Single(String name, Node node) implements Child {
    }

    record Many(String name, List<Node> nodes) implements Child {
    }

    record Scalars(String name, List<?> values) implements Child {
    }

    private final String name;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<Child> children = new ArrayList<>();
    private String text;

    private Node(String name) {
        this.name = name;
    }

    static Node of(String name) {
        return new Node(name);
    }

    /** The answer of an endpoint that returns nothing but the envelope (ping, star, scrobble...). */
    static Node empty() {
        return new Node(null);
    }

    /**
     * Children without an element of their own: they go straight into the envelope. For the one payload that is a
     * bare list ({@code openSubsonicExtensions}).
     */
    static Node fragment() {
        return new Node(null);
    }

    boolean isFragment() {
        return name == null;
    }

    String name() {
        return name;
    }

    Map<String, Object> attributes() {
        return attributes;
    }

    List<Child> children() {
        return children;
    }

    String text() {
        return text;
    }

    /** Adds an attribute; null values are left out. Instants become ISO-8601 UTC with millisecond precision. */
    Node attr(String key, Object value) {
        if (value instanceof Instant i) {
            attributes.put(key, i.truncatedTo(ChronoUnit.MILLIS).toString());
        } else if (value != null) {
            attributes.put(key, value);
        }
        return this;
    }

    Node child(Node node) {
        children.add(new Single(node.name, node));
        return this;
    }

    /** A list of objects: repeated elements in XML, always an array in JSON (also when empty). */
    Node list(String childName, Collection<Node> nodes) {
        children.add(new Many(childName, List.copyOf(nodes)));
        return this;
    }

    /** A list of scalars: repeated elements with text in XML, an array in JSON. */
    Node values(String childName, List<?> values) {
        children.add(new Scalars(childName, List.copyOf(values)));
        return this;
    }

    /** Element text in XML, the {@code value} field in JSON. */
    Node text(String value) {
        this.text = value;
        return this;
    }
}
