package org.kefu.platform;

import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/**
 * Small charts drawn on the server as SVG: bars and lines over labelled points, with a y axis,
 * grid lines and a legend. Pages show them without any script; every text is escaped.
 */
public final class SvgChart {

	private SvgChart() {
	}

	/** One series; {@code bars} draws bars (at most one such series), otherwise a line. */
	public record Series(String name, double[] values, boolean bars, String color) {
	}

	/**
	 * @param labels one per point; empty strings are not drawn (label every few points)
	 */
	public static String render(String title, List<String> labels, List<Series> series, int width, int height) {
		int left = 44;
		int right = 8;
		int top = 26;
		int bottom = 34;
		int points = labels.size();
		double max = 0;
		for (Series s : series) {
			for (double v : s.values()) {
				if (Double.isFinite(v)) {
					max = Math.max(max, v);
				}
			}
		}
		double scale = niceMax(max);
		double plotWidth = width - left - right;
		double plotHeight = height - top - bottom;
		double step = points == 0 ? 0 : plotWidth / points;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg class=\"kefu-chart\" viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">",
				width, height, esc(title)));
		for (int i = 0; i <= 4; i++) {
			double value = scale * i / 4;
			double y = top + plotHeight - plotHeight * i / 4;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dee2e6\" stroke-width=\"1\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#6c757d\">%s</text>",
					left, y, width - right, y, left - 4, y + 4, number(value)));
		}
		for (int i = 0; i < points; i++) {
			if (!labels.get(i).isEmpty()) {
				double x = left + step * i + step / 2;
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6c757d\">%s</text>", x,
						height - bottom + 16, esc(labels.get(i))));
			}
		}
		for (Series s : series) {
			if (s.bars()) {
				for (int i = 0; i < Math.min(points, s.values().length); i++) {
					double v = s.values()[i];
					if (!Double.isFinite(v) || v <= 0) {
						continue;
					}
					double h = plotHeight * v / scale;
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" opacity=\"0.55\"><title>%s: %s</title></rect>",
							left + step * i + step * 0.12, top + plotHeight - h, Math.max(1, step * 0.76), h, s.color(),
							esc(labels.get(i).isEmpty() ? s.name() : labels.get(i)), number(v)));
				}
			}
			else {
				StringBuilder path = new StringBuilder();
				for (int i = 0; i < Math.min(points, s.values().length); i++) {
					double v = s.values()[i];
					if (!Double.isFinite(v)) {
						continue;
					}
					double x = left + step * i + step / 2;
					double y = top + plotHeight - plotHeight * v / scale;
					path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
				}
				svg.append(String.format(Locale.ROOT,
						"<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-linejoin=\"round\"/>",
						path.toString().trim(), s.color()));
			}
		}
		double x = left;
		for (Series s : series) {
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\" opacity=\"%s\"/>"
							+ "<text x=\"%.1f\" y=\"16\" font-size=\"12\" fill=\"#212529\">%s</text>",
					x, s.color(), s.bars() ? "0.55" : "1", x + 16, esc(s.name())));
			x += 28 + s.name().codePoints().map(c -> c >= 0x2E80 ? 13 : 7).sum();
		}
		return svg.append("</svg>").toString();
	}

	static double niceMax(double max) {
		if (max <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
		for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (m * magnitude >= max) {
				return m * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String number(double v) {
		return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
	}

	private static String esc(String text) {
		return HtmlUtils.htmlEscape(text == null ? "" : text);
	}
}
