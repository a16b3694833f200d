package org.kefu.language;

/** Embeddings to and from PostgreSQL {@code real[]} columns. */
public final class Vectors {

	private Vectors() {
	}

	/** For a JDBC parameter of type {@code real[]}. */
	public static Float[] boxed(float[] v) {
		Float[] out = new Float[v.length];
		for (int i = 0; i < v.length; i++) {
			out[i] = v[i];
		}
		return out;
	}

	/** From {@code java.sql.Array.getArray()} of a {@code real[]} column. */
	public static float[] floats(Object[] values) {
		float[] out = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = ((Number) values[i]).floatValue();
		}
		return out;
	}
}
