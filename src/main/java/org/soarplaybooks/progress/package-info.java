/**
 * Progress of long work for people: the pace of progress lines and the numbers in them (bulk files, the demo).
 */
package org.soarplaybooks.progress;
