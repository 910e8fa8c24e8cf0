package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.publication.PublicationTransforms;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.RevisionColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.report.bulletin.Document;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/**
 * The bulletin's "Revisions of earlier months" section (docs/publication.md): the revisions of the
 * 12 months before the bulletin's month that were published, latest vintage against the current
 * figure (table {@code revisions}), in the bulletin's boundary, that moved a figure by at least
 * {@code pipeline.report.revision-threshold-pct}. A bulletin with none has no such section, so
 * bulletins of a warehouse that never published are as before.
 */
public final class RevisionNotes {
  /** How far back a bulletin looks for revised months. */
  static final int MONTHS_BACK = 12;

  /** Revisions listed one by one; the rest are counted. */
  static final int LISTED = 10;

  private static final List<String> LEVELS =
      List.of(
          IndicatorColumns.LEVEL_NATION,
          IndicatorColumns.LEVEL_REGION,
          IndicatorColumns.LEVEL_PROVINCE);

  private RevisionNotes() {}

  /**
   * The lines of the section for each period, from {@code revisions} as they stand (none when
   * nothing was published).
   */
  public static Map<Period, List<String>> lines(
      TableCatalog catalog, List<Period> periods, String boundary, double thresholdPct) {
    Map<Period, List<String>> lines = new TreeMap<>();
    if (periods.isEmpty()
        || !catalog.exists(RevisionColumns.TABLE)
        || !catalog.exists(PublicationColumns.TABLE)) {
      return lines;
    }
    Period first = periods.stream().min(Comparator.naturalOrder()).orElseThrow();
    Period last = periods.stream().max(Comparator.naturalOrder()).orElseThrow();
    // Only revisions above the threshold, of a year of months: a short list to collect.
    List<Row> rows =
        catalog
            .read(RevisionColumns.TABLE)
            .join(
                PublicationTransforms.latestVintages(catalog.read(PublicationColumns.TABLE)),
                new String[] {RevisionColumns.PERIOD, RevisionColumns.VINTAGE},
                "left_semi")
            .where(col(RevisionColumns.BOUNDARY).equalTo(boundary))
            .where(
                col(RevisionColumns.PERIOD)
                    .between(
                        first.plusMonths(-MONTHS_BACK).toString(), last.plusMonths(-1).toString()))
            .where(abs(col(RevisionColumns.REVISION_PCT)).geq(thresholdPct))
            .collectAsList();
    List<Row> ordered = new ArrayList<>(rows);
    ordered.sort(
        Comparator.<Row, String>comparing(r -> r.getAs(RevisionColumns.PERIOD))
            .thenComparing(r -> LEVELS.indexOf(r.<String>getAs(RevisionColumns.GEO_LEVEL)))
            .thenComparing(r -> r.<String>getAs(RevisionColumns.GEO_CODE))
            .thenComparing(r -> r.<String>getAs(RevisionColumns.INDICATOR)));
    for (Period period : periods) {
      String from = period.plusMonths(-MONTHS_BACK).toString();
      String to = period.plusMonths(-1).toString();
      List<Row> mine =
          ordered.stream()
              .filter(r -> r.<String>getAs(RevisionColumns.PERIOD).compareTo(from) >= 0)
              .filter(r -> r.<String>getAs(RevisionColumns.PERIOD).compareTo(to) <= 0)
              .toList();
      if (mine.isEmpty()) {
        continue;
      }
      List<String> text = new ArrayList<>();
      mine.stream().limit(LISTED).forEach(r -> text.add(line(r)));
      if (mine.size() > LISTED) {
        text.add("… and " + (mine.size() - LISTED) + " more (see the revisions table).");
      }
      lines.put(period, text);
    }
    return lines;
  }

  /**
   * The document with the section before its closing source paragraph; the document itself when
   * there are no lines.
   */
  public static Document addTo(Document document, List<String> lines, double thresholdPct) {
    if (lines == null || lines.isEmpty()) {
      return document;
    }
    List<Block> blocks = new ArrayList<>(document.blocks());
    Block source = blocks.remove(blocks.size() - 1);
    blocks.add(new Document.Heading("Revisions of earlier months"));
    blocks.add(
        new Paragraph(
            null,
            String.format(
                Locale.ENGLISH,
                "Figures of earlier published months that have since moved by %s%% or more, as"
                    + " published and as they stand now:",
                threshold(thresholdPct))));
    blocks.add(new Items(lines.stream().map(l -> new Paragraph(null, l)).toList()));
    blocks.add(source);
    return new Document(document.title(), blocks);
  }

  /** {@code 2025-09, Hà Nội (province), si_participants: 1,200 → 1,260 (+5.00%), vintage 1.} */
  private static String line(Row row) {
    double published = row.<Double>getAs(RevisionColumns.PUBLISHED_VALUE);
    double current = row.<Double>getAs(RevisionColumns.CURRENT_VALUE);
    // Counts as counts; when either side has a fraction, both with two decimals.
    String format = isWhole(published) && isWhole(current) ? "%,.0f" : "%,.2f";
    String name = row.getAs(RevisionColumns.GEO_NAME);
    return String.format(
        Locale.ENGLISH,
        "%s, %s (%s), %s: " + format + " → " + format + " (%+.2f%%), vintage %d.",
        row.<String>getAs(RevisionColumns.PERIOD),
        name == null ? row.<String>getAs(RevisionColumns.GEO_CODE) : name,
        row.<String>getAs(RevisionColumns.GEO_LEVEL),
        row.<String>getAs(RevisionColumns.INDICATOR),
        published,
        current,
        row.<Double>getAs(RevisionColumns.REVISION_PCT),
        row.<Integer>getAs(RevisionColumns.VINTAGE));
  }

  private static boolean isWhole(double value) {
    return value == Math.rint(value);
  }

  /** A threshold as written in the configuration: {@code 0.5}, {@code 2}. */
  private static String threshold(double percent) {
    return isWhole(percent)
        ? String.format(Locale.ENGLISH, "%.0f", percent)
        : BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString();
  }
}
