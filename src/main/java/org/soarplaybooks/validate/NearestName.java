package org.soarplaybooks.validate;

import java.util.List;
import java.util.Locale;

/** The "did you mean" of findings: the allowed name nearest to a misspelt one (edit distance, ignoring case). */
final class NearestName {

    private NearestName() {
    }

    /** {@code (did you mean 'to'?)} for a near miss, else the allowed keys when there are few. */
    static String hint(String key, List<String> allowed) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                closest = a;
            }
        }
        if (closest != null && best <= Math.max(1, Math.min(2, key.length() / 3))) {
            return " (did you mean '" + closest + "'?)";
        }
        if (!allowed.isEmpty() && allowed.size() <= 12) {
            return " (allowed: " + String.join(", ", allowed) + ")";
        }
        return "";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
