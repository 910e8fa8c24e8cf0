package vn.bhxh.pipeline.jobs.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.ARREARS_VND;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.ARREARS_VND_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD_ON_TRACK;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTED_VND_YTD_TARGET;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.COLLECTION_RATE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.E_TRANSACTION_SHARE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT_TARGET;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_COVERAGE_PCT_YOY_CHANGE;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_PARTICIPANTS_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_COVERAGE_PCT_YOY_CHANGE;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_TARGET;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_PARTICIPANTS_YOY_CHANGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_VOLUNTARY_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_COVERAGE_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_PARTICIPANTS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.UI_PARTICIPANTS_YOY_CHANGE_PCT;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.FileDelivery;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.Nation;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.ProvinceLine;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData.RegionLine;

/**
 * The bulletin says what the table rows say: expected sentences written out by hand, and every
 * number in the text traced back to a field of the rows it was given.
 */
class BulletinTest {
  private static final Period OCT = Period.of(2023, 10);

  private static final KeyFigures NATION =
      KeyFigureValues.of(
          SI_PARTICIPANTS,
          18_260_000L,
          SI_PARTICIPANTS_TARGET,
          19_000_000L,
          SI_PARTICIPANTS_ATTAINMENT_PCT,
          96.10526,
          SI_PARTICIPANTS_YOY_CHANGE_PCT,
          4.3333,
          SI_VOLUNTARY_PARTICIPANTS,
          1_900_000L,
          SI_COVERAGE_PCT,
          39.2512,
          SI_COVERAGE_PCT_YOY_CHANGE,
          0.02,
          HI_PARTICIPANTS,
          93_100_000L,
          HI_PARTICIPANTS_YOY_CHANGE_PCT,
          1.2,
          HI_COVERAGE_PCT,
          93.1249,
          HI_COVERAGE_PCT_TARGET,
          93.35,
          HI_COVERAGE_PCT_YOY_CHANGE,
          0.4512,
          UI_PARTICIPANTS,
          14_500_000L,
          UI_PARTICIPANTS_YOY_CHANGE_PCT,
          -0.04,
          UI_COVERAGE_PCT,
          31.2,
          COLLECTED_VND_YTD,
          350_123_456_789_012L,
          COLLECTED_VND_YTD_TARGET,
          424_600_000_000_000L,
          COLLECTED_VND_YTD_ATTAINMENT_PCT,
          82.4596,
          COLLECTED_VND_YTD_ON_TRACK,
          false,
          COLLECTION_RATE_PCT,
          97.8,
          ARREARS_VND,
          12_345_600_000_000L,
          ARREARS_VND_YOY_CHANGE_PCT,
          -3.14,
          E_TRANSACTION_SHARE_PCT,
          98.5);

  private static KeyFigures province(long participants, Double attainment, double coverage) {
    return KeyFigureValues.of(
        SI_PARTICIPANTS,
        participants,
        SI_PARTICIPANTS_ATTAINMENT_PCT,
        attainment,
        SI_PARTICIPANTS_YOY_CHANGE_PCT,
        2.5,
        SI_COVERAGE_PCT,
        coverage,
        HI_COVERAGE_PCT,
        90.55);
  }

  private static final KeyFigures EMPTY = KeyFigureValues.of();

  private static BulletinData data(boolean complete) {
    List<ProvinceLine> provinces =
        List.of(
            new ProvinceLine(
                "01",
                "Hà Nội",
                "RRD",
                "Đồng bằng sông Hồng",
                province(2_000_000, 101.23, 41.5),
                1,
                2,
                1,
                3,
                true),
            new ProvinceLine(
                "22",
                "Quảng Ninh",
                "RRD",
                "Đồng bằng sông Hồng",
                province(400_000, 99.06, 38.0),
                2,
                2,
                2,
                3,
                true),
            new ProvinceLine(
                "02",
                "Hà Giang",
                "NMM",
                "Trung du và miền núi phía Bắc",
                province(50_000, 88.04, 9.87),
                1,
                1,
                3,
                3,
                complete),
            new ProvinceLine(
                "04",
                "Cao Bằng",
                "NMM",
                "Trung du và miền núi phía Bắc",
                EMPTY,
                null,
                1,
                null,
                3,
                complete));
    List<RegionLine> regions =
        List.of(
            new RegionLine(
                "NMM",
                "Trung du và miền núi phía Bắc",
                2,
                complete ? 2 : 0,
                province(50_000, 88.04, 9.87),
                complete),
            new RegionLine(
                "RRD", "Đồng bằng sông Hồng", 2, 2, province(2_400_000, 100.8, 40.9), true));
    List<FileDelivery> deliveries =
        List.of(
            new FileDelivery("benefits", "02", "Hà Giang", complete, 0),
            new FileDelivery("participation", "01", "Hà Nội", true, 1_234),
            new FileDelivery("participation", "02", "Hà Giang", true, 5));
    return new BulletinData(
        OCT,
        "reported",
        new Nation(4, complete ? 4 : 2, NATION, complete),
        regions,
        provinces,
        deliveries);
  }

  @Test
  void nationalHeadlineReadsLikeTheReleaseWithTheTablesFigures() {
    String text = DocumentWriter.markdown(Bulletin.compose(data(false), 1));

    assertThat(text)
        .contains("# Social insurance in Viet Nam: monthly bulletin, October 2023")
        .contains(
            "As of 31 October 2023 the nation had 18,260,000 social-insurance participants,"
                + " 96.1% of the annual plan and 39.25% of the working-age population"
                + " (+4.3% year on year). Of them, 1,900,000 contributed voluntarily.")
        .contains(
            "Health insurance covered 93,100,000 people, 93.12% of the population against a"
                + " plan of 93.35% (+0.45 percentage points year on year).")
        .contains(
            "Unemployment insurance had 14,500,000 participants, 31.20% of the working-age"
                + " population (+0.0% year on year).")
        .contains(
            "Contributions collected from January to October 2023 reached"
                + " VND 350,123.5 billion, 82.5% of the annual plan, behind the pace needed to"
                + " meet the plan. The collection rate of the month was 97.80%. Arrears stood at"
                + " VND 12,345.6 billion (-3.1% year on year). 98.50% of employers were"
                + " registered for electronic transactions.");
  }

  @Test
  void provisionalWhenNotEveryProvinceReportedAndNamesThem() {
    String text = DocumentWriter.markdown(Bulletin.compose(data(false), 1));

    assertThat(text)
        .contains(
            "**Provisional figures.** 2 of 4 provinces had reported in full for October 2023;"
                + " national and regional figures will change when the others report (still"
                + " incomplete: Hà Giang, Cao Bằng).")
        .contains(
            "- **Trung du và miền núi phía Bắc:** 50,000 social-insurance participants, 88.0% of"
                + " the annual plan (+2.5% year on year); social-insurance coverage 9.87% of the"
                + " working-age population; health-insurance coverage 90.55%; 0 of 2 provinces"
                + " reported in full (provisional).")
        .contains(
            "Highest attainment of the plan for social-insurance participants: Hà Nội (101.2%)."
                + " Lowest: Hà Giang (88.0%).")
        .contains(
            "| Hà Nội | Đồng bằng sông Hồng | 2,000,000 | 101.2% | +2.5% | 41.50% | 90.55% |"
                + " 1 of 3 | final |")
        .contains(
            "| Cao Bằng | Trung du và miền núi phía Bắc | – | – | – | – | – | – | provisional |")
        .contains(
            "Files received: 2 of 3 expected (benefits 0 of 1, participation 2 of 2). 1,239 rows"
                + " were set aside (quarantined) for the provinces to correct.")
        .contains("**Not received or rejected:** benefits from Hà Giang.")
        .doesNotContain("null")
        .doesNotContain("NaN");
  }

  @Test
  void finalWhenEveryProvinceReported() {
    String text = DocumentWriter.markdown(Bulletin.compose(data(true), 3));

    assertThat(text)
        .contains("**Final figures.** All 4 provinces reported in full for October 2023.")
        // Three ranked provinces and three highlights asked: one each side, never both.
        .contains(
            "Highest attainment of the plan for social-insurance participants: Hà Nội (101.2%)."
                + " Lowest: Hà Giang (88.0%).")
        .doesNotContain("rovisional")
        .doesNotContain("Not received");
  }

  @Test
  void everyNumberInTheTextIsAFigureOfTheRows() {
    BulletinData data = data(false);
    String text = DocumentWriter.markdown(Bulletin.compose(data, 2));

    // Dates are not figures.
    String figuresOnly =
        text.replace("31 October 2023", "").replace("October 2023", "").replace("2023-10", "");
    Set<String> allowed = new HashSet<>();
    allowFigures(allowed, data.nation().figures());
    allowCounts(allowed, data.nation().provincesExpected(), data.nation().provincesComplete());
    for (RegionLine region : data.regions()) {
      allowFigures(allowed, region.figures());
      allowCounts(allowed, region.provincesExpected(), region.provincesComplete());
    }
    for (ProvinceLine province : data.provinces()) {
      allowFigures(allowed, province.figures());
      allowCounts(allowed, province.rankedInNation());
      if (province.rankInNation() != null) {
        allowCounts(allowed, province.rankInNation());
      }
    }
    // The data-received sentence counts rows of the data-quality table: 2 of 3 files; 1,239 rows.
    allowCounts(allowed, 0, 1, 2, 3, 1_234 + 5);

    Matcher numbers = Pattern.compile("[+-]?\\d+(?:,\\d{3})*(?:\\.\\d+)?").matcher(figuresOnly);
    int seen = 0;
    while (numbers.find()) {
      assertThat(allowed)
          .as("number %s in the bulletin", numbers.group())
          .contains(numbers.group());
      seen++;
    }
    assertThat(seen).isGreaterThan(40);
  }

  @Test
  void htmlEscapesNamesAndMarkdownKeepsThemLiteral() {
    List<ProvinceLine> provinces =
        List.of(
            new ProvinceLine(
                "01",
                "A & B <script>",
                "R",
                "Region *one*",
                province(10, 50.0, 1.0),
                1,
                1,
                1,
                1,
                true));
    BulletinData data =
        new BulletinData(
            OCT,
            "reported",
            new Nation(1, 1, NATION, true),
            List.of(new RegionLine("R", "Region *one*", 1, 1, EMPTY, true)),
            provinces,
            List.of());
    Document document = Bulletin.compose(data, 3);

    String html = DocumentWriter.html(document);
    assertThat(html).contains("A &amp; B &lt;script&gt;").doesNotContain("<script>");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
    String markdown = DocumentWriter.markdown(document);
    assertThat(markdown).contains("A & B \\<script\\>").contains("Region \\*one\\*");
  }

  private static void allowFigures(Set<String> allowed, KeyFigures f) {
    for (Long value :
        new Long[] {
          f.whole(SI_PARTICIPANTS),
          f.whole(SI_VOLUNTARY_PARTICIPANTS),
          f.whole(HI_PARTICIPANTS),
          f.whole(UI_PARTICIPANTS)
        }) {
      if (value != null) {
        allowed.add(String.format(Locale.ROOT, "%,d", value));
      }
    }
    for (Long dong : new Long[] {f.whole(COLLECTED_VND_YTD), f.whole(ARREARS_VND)}) {
      if (dong != null) {
        allowed.add(String.format(Locale.ROOT, "%,.1f", dong / 1e9));
      }
    }
    for (Double pct :
        new Double[] {
          f.decimal(SI_PARTICIPANTS_ATTAINMENT_PCT),
          f.decimal(COLLECTED_VND_YTD_ATTAINMENT_PCT),
          f.decimal(SI_COVERAGE_PCT),
          f.decimal(HI_COVERAGE_PCT),
          f.decimal(HI_COVERAGE_PCT_TARGET),
          f.decimal(UI_COVERAGE_PCT),
          f.decimal(COLLECTION_RATE_PCT),
          f.decimal(E_TRANSACTION_SHARE_PCT)
        }) {
      if (pct != null) {
        allowed.add(String.format(Locale.ROOT, "%.1f", pct));
        allowed.add(String.format(Locale.ROOT, "%.2f", pct));
      }
    }
    for (Double change :
        new Double[] {
          f.decimal(SI_PARTICIPANTS_YOY_CHANGE_PCT),
          f.decimal(UI_PARTICIPANTS_YOY_CHANGE_PCT),
          f.decimal(ARREARS_VND_YOY_CHANGE_PCT),
          f.decimal(HI_COVERAGE_PCT_YOY_CHANGE)
        }) {
      if (change != null) {
        // Rounded first, so that a change that rounds to nothing carries no sign from noise.
        double oneDecimal = Math.round(change * 10) / 10.0;
        double twoDecimals = Math.round(change * 100) / 100.0;
        allowed.add(String.format(Locale.ROOT, "%+.1f", oneDecimal == 0 ? 0.0 : oneDecimal));
        allowed.add(String.format(Locale.ROOT, "%+.2f", twoDecimals == 0 ? 0.0 : twoDecimals));
      }
    }
  }

  private static void allowCounts(Set<String> allowed, long... counts) {
    for (long count : counts) {
      allowed.add(String.format(Locale.ROOT, "%,d", count));
    }
  }
}
