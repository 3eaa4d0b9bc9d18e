package org.soarplaybooks.validate;

/**
 * A place in a file, both 1-based as editors count.
 *
 * @param line   1-based line
 * @param column 1-based column (in characters)
 */
record Position(int line, int column) {

    /** The start of the file: where problems with the whole file are reported. */
    static final Position START = new Position(1, 1);
}
