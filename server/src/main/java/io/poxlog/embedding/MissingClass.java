package io.poxlog.embedding;

/**
 * A failure to start said for the person who must fix it: a class missing from the application's
 * class path names the dependency that brings it.
 */
final class MissingClass {
    private MissingClass() {
    }

    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                String name = t.getMessage() == null ? "?" : t.getMessage().replace('/', '.');
                return "class " + name + " is missing from the class path (" + t.getClass().getSimpleName()
                        + "): depend on io.poxlog:poxlog-server with Maven or Gradle, which brings what it needs,"
                        + " rather than copying its jar alone";
            }
        }
        String m = e.getMessage();
        return m == null ? e.toString() : m;
    }
}
