package vn.bhxh.pipeline.jobs.report.bulletin;

/**
 * The key indicators of one geo, as in the report tables' measure columns ({@code
 * ReportMeasureColumns}); any of them may be null (not computed, no plan, no year-earlier month).
 */
public record KeyFigures(
    Long siParticipants,
    Long siParticipantsTarget,
    Double siParticipantsAttainmentPct,
    Double siParticipantsYoyChangePct,
    Long siVoluntaryParticipants,
    Double siCoveragePct,
    Double siCoveragePctYoyChange,
    Long hiParticipants,
    Double hiParticipantsYoyChangePct,
    Double hiCoveragePct,
    Double hiCoveragePctTarget,
    Double hiCoveragePctYoyChange,
    Long uiParticipants,
    Double uiParticipantsYoyChangePct,
    Double uiCoveragePct,
    Long collectedVndYtd,
    Long collectedVndYtdTarget,
    Double collectedVndYtdAttainmentPct,
    Boolean collectedVndYtdOnTrack,
    Double collectionRatePct,
    Long arrearsVnd,
    Double arrearsVndYoyChangePct,
    Double eTransactionSharePct) {}
