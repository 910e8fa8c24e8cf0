package vn.bhxh.pipeline.common.geo;

import java.io.Serializable;

/** A socio-economic region of one geography version. */
public record Region(GeographyVersion version, String code, String nameEn, String nameVi)
    implements Serializable {}
