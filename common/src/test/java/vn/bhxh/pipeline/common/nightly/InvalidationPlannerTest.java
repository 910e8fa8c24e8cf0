package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.nightly.InvalidationPlan.Reason;
import vn.bhxh.pipeline.common.nightly.ReferenceChange.Kind;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * Hand-worked cases: every expected period below was worked out from the CONTRACT's definitions.
 */
class InvalidationPlannerTest {
  private static final String PARTICIPATION = ParticipationColumns.DATASET;
  private static final String CONTRIBUTIONS = ContributionsColumns.DATASET;
  private static final String BENEFITS = BenefitsColumns.DATASET;
  private static final Set<String> YTD = InvalidationPlanner.CONTRACT_YTD_DATASETS;

  /** 2023-01 .. 2025-12: three full years of data. */
  private static final List<Period> THREE_YEARS = months("2023-01", "2025-12");

  @Test
  void aParticipationFileInvalidatesItsMonthAndTheSameMonthAYearLater() {
    // participation feeds no year-to-date indicator: later months of 2024 keep their values.
    InvalidationPlan plan = plan(List.of(slice(PARTICIPATION, "2024-07", "01")), List.of());

    assertThat(plan.periodsFor(Reason.BASE)).containsExactly(p("2024-07"));
    assertThat(plan.periodsFor(Reason.YTD)).isEmpty();
    assertThat(plan.periodsFor(Reason.YOY)).containsExactly(p("2025-07"));
    assertThat(plan.periods()).containsExactly(p("2024-07"), p("2025-07"));
    assertThat(plan.summary()).isEqualTo("2 periods: base 2024-07; yoy 2025-07");
  }

  @Test
  void aContributionsFileOfJulyInvalidatesTheRestOfItsYearAndTheirMonthsAYearLater() {
    // collected_vnd_ytd of 2024-08..12 sums 2024-07; the YoY of 2025-07 compares with 2024-07,
    // and the YoY of collected_vnd_ytd of 2025-08..12 compares with 2024-08..12, which changed.
    InvalidationPlan plan = plan(List.of(slice(CONTRIBUTIONS, "2024-07", "01")), List.of());

    assertThat(plan.periodsFor(Reason.BASE)).containsExactly(p("2024-07"));
    assertThat(plan.periodsFor(Reason.YTD)).containsExactlyElementsOf(months("2024-08", "2024-12"));
    assertThat(plan.periodsFor(Reason.YOY)).containsExactlyElementsOf(months("2025-07", "2025-12"));
    assertThat(plan.periods()).hasSize(12);
    assertThat(plan.ranges())
        .containsExactly(range("2024-07", "2024-12"), range("2025-07", "2025-12"));
    assertThat(plan.summary())
        .isEqualTo("12 periods: base 2024-07; ytd 2024-08..2024-12; yoy 2025-07..2025-12");
  }

  @Test
  void aDecemberFileTouchesNoLaterYearToDateMonth() {
    InvalidationPlan plan = plan(List.of(slice(BENEFITS, "2024-12", "79")), List.of());

    assertThat(plan.reasons())
        .containsExactly(
            java.util.Map.entry(p("2024-12"), Set.of(Reason.BASE)),
            java.util.Map.entry(p("2025-12"), Set.of(Reason.YOY)));
  }

  @Test
  void aJanuaryFileOfAYearToDateDatasetReachesTheWholeYearAndTheNext() {
    InvalidationPlan plan = plan(List.of(slice(CONTRIBUTIONS, "2024-01", "01")), List.of());

    assertThat(plan.periodsFor(Reason.BASE)).containsExactly(p("2024-01"));
    assertThat(plan.periodsFor(Reason.YTD)).containsExactlyElementsOf(months("2024-02", "2024-12"));
    assertThat(plan.periodsFor(Reason.YOY)).containsExactlyElementsOf(months("2025-01", "2025-12"));
    // 2023 is untouched: YTD never reaches back, YoY only forward.
    assertThat(plan.periods()).noneMatch(period -> period.year() == 2023);
  }

  @Test
  void onlyPeriodsPresentAreRecomputedBeyondTheChangedMonth() {
    // Data up to 2025-11; 2025-09 missing: no YTD for it, no YoY beyond the last month present.
    List<Period> present = new ArrayList<>(months("2024-01", "2025-11"));
    present.remove(p("2025-09"));

    InvalidationPlan plan =
        InvalidationPlanner.plan(
            List.of(slice(CONTRIBUTIONS, "2025-07", "01")), List.of(), present, YTD);

    assertThat(plan.periods())
        .containsExactly(p("2025-07"), p("2025-08"), p("2025-10"), p("2025-11"));
    assertThat(plan.periodsFor(Reason.YOY)).isEmpty();
  }

  @Test
  void theChangedMonthIsRecomputedEvenWithNoRowsLeft() {
    // A re-delivery whose every row was quarantined leaves 2026-01 without data: recomputing it
    // clears indicators that no longer have a source.
    InvalidationPlan plan = plan(List.of(slice(PARTICIPATION, "2026-01", "01")), List.of());

    assertThat(plan.reasons()).containsOnlyKeys(p("2026-01"));
    assertThat(plan.reasons().get(p("2026-01"))).containsExactly(Reason.BASE);
  }

  @Test
  void severalProvincesAndDatasetsOfOneMonthMakeOnePlan() {
    InvalidationPlan one = plan(List.of(slice(CONTRIBUTIONS, "2024-07", "01")), List.of());
    InvalidationPlan many =
        plan(
            List.of(
                slice(CONTRIBUTIONS, "2024-07", "01"),
                slice(CONTRIBUTIONS, "2024-07", "79"),
                slice(PARTICIPATION, "2024-07", "01")),
            List.of());

    assertThat(many).isEqualTo(one);
  }

  @Test
  void reasonsAccumulateWhenChangesOverlap() {
    // March and July of 2024: 2024-04..06 are YTD of March only; 2024-08 is YTD of both; 2024-07
    // is its own base and YTD of March.
    InvalidationPlan plan =
        plan(
            List.of(slice(CONTRIBUTIONS, "2024-03", "01"), slice(CONTRIBUTIONS, "2024-07", "01")),
            List.of());

    assertThat(plan.reasons().get(p("2024-03"))).containsExactly(Reason.BASE);
    assertThat(plan.reasons().get(p("2024-05"))).containsExactly(Reason.YTD);
    assertThat(plan.reasons().get(p("2024-07"))).containsExactly(Reason.BASE, Reason.YTD);
    assertThat(plan.reasons().get(p("2024-08"))).containsExactly(Reason.YTD);
    assertThat(plan.periodsFor(Reason.YOY)).containsExactlyElementsOf(months("2025-03", "2025-12"));
  }

  @Test
  void aPopulationYearInvalidatesThatYearAndTheYearOverYearOfTheNext() {
    InvalidationPlan plan = plan(List.of(), List.of(new ReferenceChange(Kind.POPULATION, 2024)));

    assertThat(plan.periodsFor(Reason.BASE))
        .containsExactlyElementsOf(months("2024-01", "2024-12"));
    assertThat(plan.periodsFor(Reason.YOY)).containsExactlyElementsOf(months("2025-01", "2025-12"));
    assertThat(plan.periodsFor(Reason.YTD)).isEmpty();
    assertThat(plan.summary()).isEqualTo("24 periods: base 2024-01..2024-12; yoy 2025-01..2025-12");
  }

  @Test
  void aTargetsYearInvalidatesThatYearOnlyBecauseTargetsAreNoPartOfAnyValue() {
    InvalidationPlan plan = plan(List.of(), List.of(new ReferenceChange(Kind.TARGETS, 2024)));

    assertThat(plan.periods()).containsExactlyElementsOf(months("2024-01", "2024-12"));
    assertThat(plan.periodsFor(Reason.YOY)).isEmpty();
  }

  @Test
  void aGeographyYearReachesTheNextYearOnlyWhereItHasData() {
    InvalidationPlan plan = plan(List.of(), List.of(new ReferenceChange(Kind.GEOGRAPHY, 2025)));

    // No 2026 data: nothing beyond 2025.
    assertThat(plan.periods()).containsExactlyElementsOf(months("2025-01", "2025-12"));
    assertThat(plan.periodsFor(Reason.BASE)).hasSize(12);
  }

  @Test
  void aReferenceYearWithoutDataInvalidatesNothing() {
    InvalidationPlan plan = plan(List.of(), List.of(new ReferenceChange(Kind.TARGETS, 2030)));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan).isSameAs(InvalidationPlan.empty());
  }

  @Test
  void slicesAndReferencesCombine() {
    InvalidationPlan plan =
        plan(
            List.of(slice(CONTRIBUTIONS, "2023-11", "01")),
            List.of(new ReferenceChange(Kind.TARGETS, 2024)));

    assertThat(plan.periodsFor(Reason.BASE))
        .containsExactlyElementsOf(concat(List.of(p("2023-11")), months("2024-01", "2024-12")));
    assertThat(plan.periodsFor(Reason.YTD)).containsExactly(p("2023-12"));
    // YoY of 2023-11 and 2023-12 land in 2024, already planned as base.
    assertThat(plan.reasons().get(p("2024-11"))).containsExactly(Reason.BASE, Reason.YOY);
    assertThat(plan.reasons().get(p("2024-10"))).containsExactly(Reason.BASE);
    assertThat(plan.ranges()).containsExactly(range("2023-11", "2024-12"));
  }

  @Test
  void nothingChangedPlansNothing() {
    InvalidationPlan plan = plan(List.of(), List.of());

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.periods()).isEmpty();
    assertThat(plan.ranges()).isEmpty();
    assertThat(plan.summary()).isEqualTo("nothing to recompute");
    assertThat(plan.details()).containsExactly(java.util.Map.entry("periods_recomputed", "0"));
  }

  @Test
  void detailsForTheRunsRowListEachReason() {
    InvalidationPlan plan = plan(List.of(slice(BENEFITS, "2024-10", "01")), List.of());

    assertThat(plan.details())
        .containsExactly(
            java.util.Map.entry("periods_recomputed", "6"),
            java.util.Map.entry("periods_base", "2024-10"),
            java.util.Map.entry("periods_ytd", "2024-11..2024-12"),
            java.util.Map.entry("periods_yoy", "2025-10..2025-12"));
  }

  @Test
  void aJobMayDeclareMoreYearToDateDatasetsThanTheContract() {
    InvalidationPlan plan =
        InvalidationPlanner.plan(
            List.of(slice(PARTICIPATION, "2024-11", "01")),
            List.of(),
            THREE_YEARS,
            Set.of(PARTICIPATION));

    assertThat(plan.periods())
        .containsExactly(p("2024-11"), p("2024-12"), p("2025-11"), p("2025-12"));
    assertThat(plan.reasons().get(p("2024-12"))).isEqualTo(EnumSet.of(Reason.YTD));
  }

  private static InvalidationPlan plan(List<Slice> slices, List<ReferenceChange> references) {
    return InvalidationPlanner.plan(slices, references, THREE_YEARS, YTD);
  }

  private static Slice slice(String dataset, String period, String province) {
    return new Slice(dataset, p(period), province);
  }

  private static Period p(String text) {
    return Period.parse(text);
  }

  private static PeriodRange range(String from, String to) {
    return PeriodRange.closed(p(from), p(to));
  }

  private static List<Period> months(String from, String to) {
    return range(from, to).periods();
  }

  private static List<Period> concat(List<Period> first, List<Period> second) {
    List<Period> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
