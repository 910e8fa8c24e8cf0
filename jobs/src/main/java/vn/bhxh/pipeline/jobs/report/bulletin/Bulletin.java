package vn.bhxh.pipeline.jobs.report.bulletin;

import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_YOY_CHANGE_PCT;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import vn.bhxh.pipeline.common.indicators.ReportIndicator;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.FileDelivery;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Nation;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.ProvinceLine;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.RegionLine;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Heading;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Items;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Table;

/**
 * Composes the monthly bulletin, in the manner of an official press release, from the rows of the
 * report tables of one period ({@link BulletinData}). Every number printed is a field of those
 * rows, formatted by {@link Figures}; nothing is computed here but counts of rows and the choice of
 * the highest and lowest attainment. The indicators it has no paragraphs for are listed from the
 * catalogue ({@link OtherIndicators}). A figure that is missing is left out of its sentence rather
 * than printed as zero.
 */
public final class Bulletin {
  private static final Locale ENGLISH = Locale.ENGLISH;
  private static final String MISSING = "–";

  private Bulletin() {}

  /**
   * The bulletin of a period.
   *
   * @param highlights how many provinces to name as highest and as lowest attainment
   */
  public static Document compose(BulletinData data, int highlights) {
    YearMonth month = data.period().yearMonth();
    String monthName = month.getMonth().getDisplayName(TextStyle.FULL, ENGLISH);
    String monthYear = monthName + " " + month.getYear();
    List<Block> blocks = new ArrayList<>();
    blocks.add(status(data, monthYear));
    blocks.add(new Heading("National figures"));
    String asOf = "As of " + month.atEndOfMonth().getDayOfMonth() + " " + monthYear;
    blocks.addAll(
        NationalParagraphs.blocks(data.nation().figures(), asOf, monthName, month.getYear()));
    blocks.addAll(PersonsParagraphs.inAnyScheme(data.nation().figures()));
    blocks.addAll(PersonsParagraphs.sinceJanuary(data.nation().figures(), month));
    blocks.addAll(OtherIndicators.blocks(data.otherIndicators(), data.nation().figures()));
    blocks.add(new Heading("Regions"));
    blocks.add(regions(data.regions()));
    blocks.add(new Heading("Provinces"));
    blocks.addAll(provinces(data.provinces(), highlights));
    blocks.add(new Heading("Data received"));
    blocks.addAll(dataReceived(data.deliveries()));
    blocks.add(new Heading("Data checks"));
    blocks.addAll(DataChecks.blocks(data.checks()));
    blocks.add(
        new Paragraph(
            null,
            "Source: report tables report_nation_summary, report_region_summary,"
                + " report_province_scorecard, report_data_quality and validation_results, period "
                + data.period()
                + ", "
                + data.boundary()
                + " boundary. Percentages are rounded for display; year-on-year changes compare"
                + " with the same month of the previous year for the same territory."));
    return new Document("Social insurance in Viet Nam: monthly bulletin, " + monthYear, blocks);
  }

  /**
   * Of the catalogue's {@code report} section, the indicators the bulletin lists under "Other
   * indicators": those it shows but has no paragraphs of its own for.
   */
  public static List<ReportIndicator> otherIndicators(List<ReportIndicator> report) {
    return OtherIndicators.of(report);
  }

  private static Paragraph status(BulletinData data, String monthYear) {
    Nation nation = data.nation();
    String boundary =
        IndicatorColumns.BOUNDARY_CURRENT.equals(data.boundary())
            ? " Figures are re-based to the provinces in force today, so that they compare across"
                + " the 2025 merger of provinces."
            : " Figures are for the provinces as they were in " + monthYear + ".";
    if (nation.complete()) {
      return new Paragraph(
          "Final figures.",
          "All "
              + Figures.count(nation.provincesExpected())
              + " provinces reported in full for "
              + monthYear
              + "."
              + boundary);
    }
    List<String> pending =
        data.provinces().stream().filter(p -> !p.complete()).map(ProvinceLine::name).toList();
    return new Paragraph(
        "Provisional figures.",
        Figures.count(nation.provincesComplete())
            + " of "
            + Figures.count(nation.provincesExpected())
            + " provinces had reported in full for "
            + monthYear
            + "; national and regional figures will change when the others report"
            + (pending.isEmpty() ? "" : " (still incomplete: " + String.join(", ", pending) + ")")
            + "."
            + boundary);
  }

  private static Items regions(List<RegionLine> regions) {
    List<Paragraph> items = new ArrayList<>();
    for (RegionLine region : regions) {
      KeyFigures f = region.figures();
      List<String> parts = new ArrayList<>();
      if (f.whole(SI_PARTICIPANTS) != null) {
        parts.add(
            Figures.count(f.whole(SI_PARTICIPANTS))
                + " social-insurance participants"
                + (f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT) == null
                    ? ""
                    : ", "
                        + Figures.percent(f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT))
                        + " of the annual plan")
                + yearOnYear(f.decimal(SI_PARTICIPANTS_YOY_CHANGE_PCT)));
      }
      if (f.decimal(SI_COVERAGE_PCT) != null) {
        parts.add(
            "social-insurance coverage "
                + Figures.share(f.decimal(SI_COVERAGE_PCT))
                + " of the working-age population");
      }
      if (f.decimal(HI_COVERAGE_PCT) != null) {
        parts.add("health-insurance coverage " + Figures.share(f.decimal(HI_COVERAGE_PCT)));
      }
      parts.add(
          Figures.count(region.provincesComplete())
              + " of "
              + Figures.count(region.provincesExpected())
              + (region.provincesExpected() == 1 ? " province" : " provinces")
              + " reported in full"
              + (region.complete() ? "" : " (provisional)"));
      items.add(new Paragraph(region.name() + ":", String.join("; ", parts) + "."));
    }
    return new Items(items);
  }

  private static List<Block> provinces(List<ProvinceLine> provinces, int highlights) {
    List<Block> blocks = new ArrayList<>();
    List<ProvinceLine> ranked =
        provinces.stream()
            .filter(p -> p.rankInNation() != null)
            .sorted(
                Comparator.comparing(ProvinceLine::rankInNation).thenComparing(ProvinceLine::code))
            .toList();
    if (ranked.isEmpty()) {
      blocks.add(
          new Paragraph(
              null, "No province has a plan for social-insurance participants this month."));
    } else {
      // Never name a province both highest and lowest: at most half of the ranked on each side.
      int shown = Math.min(highlights, ranked.size() / 2);
      if (shown == 0) {
        blocks.add(
            new Paragraph(
                null,
                "Attainment of the plan for social-insurance participants: "
                    + attainments(ranked)
                    + "."));
      } else {
        List<ProvinceLine> best = ranked.subList(0, shown);
        List<ProvinceLine> worst =
            new ArrayList<>(ranked.subList(ranked.size() - shown, ranked.size()));
        Collections.reverse(worst);
        blocks.add(
            new Paragraph(
                null,
                "Highest attainment of the plan for social-insurance participants: "
                    + attainments(best)
                    + ". Lowest: "
                    + attainments(worst)
                    + "."));
      }
    }
    List<List<String>> rows = new ArrayList<>();
    for (ProvinceLine p : provinces) {
      KeyFigures f = p.figures();
      rows.add(
          List.of(
              p.name(),
              p.regionName(),
              orMissing(f.whole(SI_PARTICIPANTS), Figures::count),
              orMissing(f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT), Figures::percent),
              orMissing(f.decimal(SI_PARTICIPANTS_YOY_CHANGE_PCT), Figures::change),
              orMissing(f.decimal(SI_COVERAGE_PCT), Figures::share),
              orMissing(f.decimal(HI_COVERAGE_PCT), Figures::share),
              p.rankInNation() == null
                  ? MISSING
                  : Figures.count(p.rankInNation()) + " of " + Figures.count(p.rankedInNation()),
              p.complete() ? "final" : "provisional"));
    }
    blocks.add(
        new Table(
            List.of(
                "Province",
                "Region",
                "SI participants",
                "% of plan",
                "Year on year",
                "SI coverage",
                "HI coverage",
                "Rank",
                "Status"),
            List.of(false, false, true, true, true, true, true, true, false),
            rows));
    return blocks;
  }

  private static String attainments(List<ProvinceLine> provinces) {
    List<String> names = new ArrayList<>();
    for (ProvinceLine p : provinces) {
      names.add(
          p.name()
              + " ("
              + Figures.percent(p.figures().decimal(SI_PARTICIPANTS_ATTAINMENT_PCT))
              + ")");
    }
    return String.join(", ", names);
  }

  private static List<Block> dataReceived(List<FileDelivery> deliveries) {
    Map<String, long[]> byDataset = new LinkedHashMap<>(); // dataset → {received, expected}
    long quarantined = 0;
    List<String> missing = new ArrayList<>();
    for (FileDelivery delivery : deliveries) {
      long[] counts = byDataset.computeIfAbsent(delivery.dataset(), d -> new long[2]);
      counts[1]++;
      if (delivery.received()) {
        counts[0]++;
      } else {
        missing.add(delivery.dataset() + " from " + delivery.provinceName());
      }
      quarantined += delivery.rowsQuarantined();
    }
    long received = byDataset.values().stream().mapToLong(c -> c[0]).sum();
    List<String> perDataset = new ArrayList<>();
    byDataset.forEach(
        (dataset, c) ->
            perDataset.add(dataset + " " + Figures.count(c[0]) + " of " + Figures.count(c[1])));
    String text =
        "Files received: "
            + Figures.count(received)
            + " of "
            + Figures.count(deliveries.size())
            + " expected ("
            + String.join(", ", perDataset)
            + "). "
            + (quarantined == 0
                ? "No row was set aside."
                : Figures.count(quarantined)
                    + (quarantined == 1 ? " row was" : " rows were")
                    + " set aside (quarantined) for the provinces to correct.");
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Paragraph(null, text));
    if (!missing.isEmpty()) {
      blocks.add(new Paragraph("Not received or rejected:", String.join("; ", missing) + "."));
    }
    return blocks;
  }

  private static String yearOnYear(Double changePct) {
    return changePct == null ? "" : " (" + Figures.change(changePct) + " year on year)";
  }

  private static <T> String orMissing(T value, Function<T, String> format) {
    return value == null ? MISSING : format.apply(value);
  }
}
