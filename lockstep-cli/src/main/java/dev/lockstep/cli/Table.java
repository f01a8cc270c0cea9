package dev.lockstep.cli;

import java.util.List;

/** A plain-text table with columns as wide as their widest cell, for {@code info}. */
final class Table {
    private Table() {
    }

    static String render(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(text, rows.get(r), width);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int c = 0; c < columns; c++) {
                    rule[c] = "-".repeat(width[c]);
                }
                line(text, rule, width);
            }
        }
        return text.toString();
    }

    private static void line(StringBuilder text, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : "  ").append(cells[c]).append(" ".repeat(width[c] - cells[c].length()));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
