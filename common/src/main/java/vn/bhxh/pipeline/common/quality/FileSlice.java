package vn.bhxh.pipeline.common.quality;

import java.io.Serializable;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The unit of loading: one dataset, one month, one province, as named by a landing file's folder
 * and file name. Every row of the file belongs to this slice, whatever the row itself says.
 */
public record FileSlice(String dataset, Period period, String provinceCode)
    implements Serializable {}
