package vn.bhxh.pipeline.common.geo;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A province of one geography version. A code alone is ambiguous (seven codes name different
 * provinces in p63 and p34), so a province is always identified by version and code.
 *
 * @param successorCode the p34 code this province became (its own code for p34 provinces)
 * @param validFrom first day in force, null when before records began
 * @param validTo last day in force, null while still in force
 */
public record Province(
    GeographyVersion version,
    String code,
    String nameVi,
    String nameAscii,
    String regionCode,
    String regionName,
    LocalDate validFrom,
    LocalDate validTo,
    String successorCode)
    implements Serializable {}
