package vn.bhxh.pipeline.jobs.sql;

import java.io.PrintStream;
import java.util.List;

/** Prints rows as an aligned text table (header, rule, rows; nulls shown as NULL). */
final class TextTable {
  private static final String NULL = "NULL";

  private TextTable() {}

  static void print(List<String> header, List<List<String>> rows, PrintStream out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = width(header.get(i));
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], width(cell(row.get(i))));
      }
    }
    out.println(line(header, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cell(cells.get(i));
      line.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[i] - width(cell)));
    }
    return line.toString().stripTrailing();
  }

  private static String cell(String value) {
    return value == null ? NULL : value.replace('\n', ' ');
  }

  /** Display width in code points (Vietnamese NFC text is one code point per letter). */
  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
