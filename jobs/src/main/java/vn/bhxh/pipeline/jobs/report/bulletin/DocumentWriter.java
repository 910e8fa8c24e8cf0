package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.List;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Heading;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Table;

/** Writes a {@link Document} as Markdown (CommonMark with pipe tables) or as standalone HTML. */
public final class DocumentWriter {
  private DocumentWriter() {}

  /** The document as Markdown. */
  public static String markdown(Document document) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(markdownText(document.title())).append("\n");
    for (Block block : document.blocks()) {
      out.append("\n");
      // Pattern matching in switch is a preview feature in Java 17: instanceof it is.
      if (block instanceof Heading heading) {
        out.append("## ").append(markdownText(heading.text())).append("\n");
      } else if (block instanceof Paragraph paragraph) {
        out.append(markdownParagraph(paragraph)).append("\n");
      } else if (block instanceof Items items) {
        for (Paragraph item : items.items()) {
          out.append("- ").append(markdownParagraph(item)).append("\n");
        }
      } else if (block instanceof Table table) {
        markdownTable(table, out);
      }
    }
    return out.toString();
  }

  /** The document as a standalone HTML page (UTF-8, no external resources). */
  public static String html(Document document) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(htmlText(document.title()))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45}\n")
        .append("table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.2em .5em}\n")
        .append("td.n{text-align:right}\n</style>\n</head>\n<body>\n")
        .append("<h1>")
        .append(htmlText(document.title()))
        .append("</h1>\n");
    for (Block block : document.blocks()) {
      if (block instanceof Heading heading) {
        out.append("<h2>").append(htmlText(heading.text())).append("</h2>\n");
      } else if (block instanceof Paragraph paragraph) {
        out.append("<p>").append(htmlParagraph(paragraph)).append("</p>\n");
      } else if (block instanceof Items items) {
        out.append("<ul>\n");
        for (Paragraph item : items.items()) {
          out.append("<li>").append(htmlParagraph(item)).append("</li>\n");
        }
        out.append("</ul>\n");
      } else if (block instanceof Table table) {
        htmlTable(table, out);
      }
    }
    out.append("</body>\n</html>\n");
    return out.toString();
  }

  private static String markdownParagraph(Paragraph paragraph) {
    String text = markdownText(paragraph.text());
    return paragraph.lead() == null
        ? text
        : "**" + markdownText(paragraph.lead()) + "**" + (text.isEmpty() ? "" : " " + text);
  }

  private static void markdownTable(Table table, StringBuilder out) {
    out.append(markdownRow(table.header())).append("\n|");
    for (Boolean numeric : table.numeric()) {
      out.append(numeric ? " ---: |" : " --- |");
    }
    out.append("\n");
    for (List<String> row : table.rows()) {
      out.append(markdownRow(row)).append("\n");
    }
  }

  private static String markdownRow(List<String> cells) {
    StringBuilder row = new StringBuilder("|");
    for (String cell : cells) {
      row.append(" ").append(markdownText(cell).replace("|", "\\|")).append(" |");
    }
    return row.toString();
  }

  /** Escapes the characters that would otherwise start Markdown emphasis, code, links or HTML. */
  static String markdownText(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>#".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }

  private static String htmlParagraph(Paragraph paragraph) {
    String text = htmlText(paragraph.text());
    return paragraph.lead() == null
        ? text
        : "<strong>"
            + htmlText(paragraph.lead())
            + "</strong>"
            + (text.isEmpty() ? "" : " " + text);
  }

  private static void htmlTable(Table table, StringBuilder out) {
    out.append("<table>\n<thead><tr>");
    for (String cell : table.header()) {
      out.append("<th>").append(htmlText(cell)).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : table.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        out.append(table.numeric().get(i) ? "<td class=\"n\">" : "<td>")
            .append(htmlText(row.get(i)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** Escapes text for HTML element content and attribute values. */
  static String htmlText(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
