package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.List;

/**
 * A bulletin as a few kinds of blocks, written out as Markdown or HTML by {@link DocumentWriter}.
 * Texts are plain (no markup): each writer escapes them for its format.
 */
public record Document(String title, List<Block> blocks) {

  public Document {
    blocks = List.copyOf(blocks);
  }

  /** A part of the document. */
  public sealed interface Block permits Heading, Paragraph, Items, Table {}

  /** A section heading (level 2). */
  public record Heading(String text) implements Block {}

  /** A paragraph, optionally opening with a lead in bold. */
  public record Paragraph(String lead, String text) implements Block {}

  /** A bulleted list of paragraphs. */
  public record Items(List<Paragraph> items) implements Block {
    public Items {
      items = List.copyOf(items);
    }
  }

  /** A table; {@code numeric} columns are right-aligned. */
  public record Table(List<String> header, List<Boolean> numeric, List<List<String>> rows)
      implements Block {
    public Table {
      header = List.copyOf(header);
      numeric = List.copyOf(numeric);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }
}
