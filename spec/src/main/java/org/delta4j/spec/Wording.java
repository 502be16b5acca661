package org.delta4j.spec;

import java.util.List;

/**
 * Lists in messages: {@code "fc1", "fc2" or "q_proj"}, {@code 2, 4 or 8}, {@code "0", "1" and "2"}.
 */
public final class Wording {
    private Wording() {}

    /**
     * @param names names to offer, at least one
     * @return each in double quotes, joined by commas and a final "or"
     */
    public static String quotedEither(List<String> names) {
        return either(quoted(names));
    }

    /**
     * @param names names to list, at least one
     * @return each in double quotes, joined by commas and a final "and"
     */
    public static String quotedAll(List<String> names) {
        return join(quoted(names), " and ");
    }

    /**
     * @param items items to list, at least one
     * @return joined by commas and a final "and"
     */
    public static String all(List<?> items) {
        return join(items, " and ");
    }

    /**
     * @param items items to offer, at least one
     * @return joined by commas and a final "or"
     */
    public static String either(List<?> items) {
        return join(items, " or ");
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").toList();
    }

    private static String join(List<?> items, String last) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(i == items.size() - 1 ? last : ", ");
            }
            sb.append(items.get(i));
        }
        return sb.toString();
    }
}
