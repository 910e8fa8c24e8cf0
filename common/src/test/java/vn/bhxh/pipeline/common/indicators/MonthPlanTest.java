package vn.bhxh.pipeline.common.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.time.Period;

/** Which months a computation needs and where their base values come from. */
class MonthPlanTest {
  private static SortedSet<Period> months(String... periods) {
    return new TreeSet<>(Arrays.stream(periods).map(Period::parse).toList());
  }

  @Test
  void aFirstRunMeasuresJanuaryToTheMonthAndTheSameStretchAYearEarlierFromSilver() {
    MonthPlan plan =
        MonthPlan.of(
            months("2023-03"),
            months("2023-03"),
            months("2022-03", "2023-01", "2023-02", "2023-03"),
            Set.of());

    assertThat(plan.wanted()).containsExactlyElementsOf(months("2023-03"));
    assertThat(plan.valueMonths()).containsExactlyElementsOf(months("2022-03", "2023-03"));
    assertThat(plan.baseMonths())
        .containsExactlyElementsOf(
            months("2022-01", "2022-02", "2022-03", "2023-01", "2023-02", "2023-03"));
    // 2022-01 and 2022-02 have no silver data: nothing to measure
    assertThat(plan.fromSilver())
        .containsExactlyElementsOf(months("2022-03", "2023-01", "2023-02", "2023-03"));
    assertThat(plan.fromIndicators()).isEmpty();
    assertThat(plan.yearToDateMonths()).containsExactlyElementsOf(plan.fromSilver());
  }

  @Test
  void aNightlyRunReadsTheStoredMonthsWhoseDataDidNotChange() {
    MonthPlan plan =
        MonthPlan.of(
            months("2023-02", "2023-03"),
            months("2023-03"),
            months("2023-01", "2023-02", "2023-03"),
            months("2023-01", "2023-02"));

    assertThat(plan.fromSilver()).containsExactlyElementsOf(months("2023-03"));
    // 2023-02 is recomputed, as asked, but its data did not change: its base values are read
    // back, like January's
    assertThat(plan.fromIndicators()).containsExactlyElementsOf(months("2023-01", "2023-02"));
    // year-to-date distinct counts need the keys, which stored indicators do not hold
    assertThat(plan.yearToDateMonths())
        .containsExactlyElementsOf(months("2023-01", "2023-02", "2023-03"));
  }

  @Test
  void aChangedMonthThatIsStoredButNotWantedIsReadBack() {
    MonthPlan plan =
        MonthPlan.of(
            months("2023-03"),
            months("2023-01", "2023-03"),
            months("2023-01", "2023-02", "2023-03"),
            months("2023-01", "2023-02", "2023-03"));

    assertThat(plan.fromSilver()).containsExactlyElementsOf(months("2023-03"));
    assertThat(plan.fromIndicators()).containsExactlyElementsOf(months("2023-01", "2023-02"));
  }
}
