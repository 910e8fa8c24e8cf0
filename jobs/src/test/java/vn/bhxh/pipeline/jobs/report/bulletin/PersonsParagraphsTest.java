package vn.bhxh.pipeline.jobs.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.HI_TREATED_PERSONS_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.INSURED_PERSONS;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.INSURED_PERSONS_ATTAINMENT_PCT;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD;
import static vn.bhxh.pipeline.common.schema.ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT;

import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Block;
import vn.bhxh.pipeline.jobs.report.bulletin.Document.Paragraph;

/** The bulletin's sentences on persons in any scheme and on the persons since January. */
class PersonsParagraphsTest {

  private static KeyFigures figures(
      Long insured, Double attainment, Long recipients, Double recipientsChange, Long treated) {
    return KeyFigureValues.of(
        INSURED_PERSONS,
        insured,
        INSURED_PERSONS_ATTAINMENT_PCT,
        attainment,
        SI_BENEFIT_RECIPIENTS_YTD,
        recipients,
        SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT,
        recipientsChange,
        HI_TREATED_PERSONS_YTD,
        treated);
  }

  private static String text(List<Block> blocks) {
    assertThat(blocks).hasSize(1);
    return ((Paragraph) blocks.get(0)).text();
  }

  @Test
  void aQuarterEndGivesTheFiguresOfTheMonthsSinceJanuary() {
    KeyFigures f = figures(null, null, 2_800L, 4.25, 149_012L);
    assertThat(text(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 3))))
        .isEqualTo(
            "In the first three months of 2023, 2,800 persons received social-insurance benefits"
                + " (+4.3% year on year) and 149,012 people had their treatment covered by health"
                + " insurance, each person counted once whatever the months and provinces.");
    assertThat(text(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 9))))
        .startsWith("In the first nine months of 2023, 2,800 persons");
    assertThat(text(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 12))))
        .startsWith("In the twelve months of 2023, ");
  }

  @Test
  void otherMonthsAndMissingFiguresSayNothing() {
    KeyFigures f = figures(null, null, 2_800L, null, null);
    assertThat(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 2))).isEmpty();
    assertThat(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 11))).isEmpty();
    assertThat(text(PersonsParagraphs.sinceJanuary(f, YearMonth.of(2023, 6))))
        .isEqualTo(
            "In the first six months of 2023, 2,800 persons received social-insurance benefits,"
                + " each person counted once whatever the months and provinces.");
    assertThat(
            PersonsParagraphs.sinceJanuary(
                figures(null, null, null, null, null), YearMonth.of(2023, 6)))
        .isEmpty();
  }

  @Test
  void personsInAnySchemeWithTheirPlan() {
    assertThat(text(PersonsParagraphs.inAnyScheme(figures(694_705L, 91.32, null, null, null))))
        .isEqualTo(
            "694,705 people participated in social, health or unemployment insurance, 91.3% of"
                + " the annual plan.");
    assertThat(PersonsParagraphs.inAnyScheme(figures(null, 91.32, null, null, null))).isEmpty();
  }
}
