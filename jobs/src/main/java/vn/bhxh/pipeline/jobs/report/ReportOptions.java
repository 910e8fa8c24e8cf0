package vn.bhxh.pipeline.jobs.report;

import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * The typed options of {@code report}; the output root comes with the configuration ({@code
 * pipeline.report-out}, overridden by {@code --out}).
 *
 * @param range the periods to report; open ends mean every period present in {@code indicators}
 */
public record ReportOptions(PeriodRange range) {}
