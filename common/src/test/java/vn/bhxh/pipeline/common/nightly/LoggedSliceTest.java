package vn.bhxh.pipeline.common.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.time.Period;

/** Which loaded slices a nightly run after a killed one must still recompute. */
class LoggedSliceTest {
  private static final Instant LAST_SUCCESS = Instant.parse("2026-11-20T18:30:00Z");
  private static final Slice JULY = new Slice("contributions", Period.of(2024, 7), "01");
  private static final Slice AUGUST = new Slice("contributions", Period.of(2024, 8), "01");
  private static final Slice MARCH = new Slice("participation", Period.of(2023, 3), "79");

  @Test
  void slicesLoadedByAKilledRunAreStillPending() {
    List<LoggedSlice> log =
        List.of(
            new LoggedSlice(MARCH, LAST_SUCCESS.minusSeconds(86_400)), // recomputed then
            new LoggedSlice(JULY, LAST_SUCCESS.plusSeconds(86_400 + 60)), // killed run
            new LoggedSlice(AUGUST, LAST_SUCCESS)); // the instant the last run started

    assertThat(LoggedSlice.ingestedSince(log, LAST_SUCCESS)).containsExactly(JULY, AUGUST);
  }

  @Test
  void withoutAnyCompletedNightlyEverySliceIsPending() {
    List<LoggedSlice> log =
        List.of(new LoggedSlice(JULY, LAST_SUCCESS), new LoggedSlice(MARCH, LAST_SUCCESS));

    assertThat(LoggedSlice.ingestedSince(log, null)).containsExactly(MARCH, JULY);
  }
}
