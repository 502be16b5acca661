package org.delta4j.processor.validate;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.delta4j.processor.read.SourceTrees;
import org.delta4j.processor.read.SpecAnnotations;
import org.delta4j.processor.read.Values;

/**
 * Points diagnostics into repeated annotations. javac wraps {@code @Lora(...) @Lora(...)} in a
 * container that has no source of its own, and its messager then points at the type instead of the
 * value. Where javac's tree API is available, this finds the value's source by the annotation's
 * position among its kind and the attribute's name; elsewhere (such as Gradle's incremental
 * compilation, which hides javac) it reports nothing and the messager's position stands.
 */
public final class Positions {
    private final Trees trees;

    private Positions(Trees trees) {
        this.trees = trees;
    }

    /**
     * @param env the processing environment
     * @return positions through javac's tree API when it is there, otherwise none
     */
    public static Positions of(ProcessingEnvironment env) {
        // Without the tree API the messager's positions stand.
        return new Positions(SourceTrees.of(env).orElse(null));
    }

    /**
     * Prints a diagnostic at the source of a value inside a repeated annotation.
     *
     * @param kind the diagnostic's kind
     * @param message the message
     * @param type the annotated type
     * @param mirror the annotation, perhaps one held by a container javac made
     * @param value the value, or {@code null} for the whole annotation
     * @return whether it was printed; {@code false} when the mirror is not inside a made container
     *     or its source cannot be found, and the messager should print it
     */
    boolean print(
            Diagnostic.Kind kind,
            String message,
            Element type,
            AnnotationMirror mirror,
            AnnotationValue value) {
        if (trees == null || mirror == null) {
            return false;
        }
        try {
            TreePath path = trees.getPath(type);
            Tree tree = path == null ? null : find(path, type, mirror, value);
            if (tree == null) {
                return false;
            }
            trees.printMessage(kind, message, tree, path.getCompilationUnit());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Tree find(
            TreePath typePath, Element type, AnnotationMirror mirror, AnnotationValue value) {
        String name = SpecAnnotations.nameOf(mirror);
        int ordinal = ordinalInContainer(type, mirror);
        if (ordinal < 0 || !(typePath.getLeaf() instanceof ClassTree declaration)) {
            return null;
        }
        int seen = 0;
        for (AnnotationTree annotation : declaration.getModifiers().getAnnotations()) {
            if (name.equals(typeName(typePath, annotation)) && seen++ == ordinal) {
                return value == null ? annotation : valueTree(annotation, mirror, value);
            }
        }
        return null;
    }

    /**
     * @return the mirror's index in the container javac made for it, or -1 when it is not in one
     */
    private static int ordinalInContainer(Element type, AnnotationMirror mirror) {
        for (AnnotationMirror container : type.getAnnotationMirrors()) {
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                    container.getElementValues().entrySet()) {
                List<AnnotationMirror> held = Values.annotations(e.getValue());
                for (int i = 0; i < held.size(); i++) {
                    if (held.get(i) == mirror) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    private String typeName(TreePath typePath, AnnotationTree annotation) {
        Element e =
                trees.getElement(
                        new TreePath(
                                new TreePath(typePath, annotation),
                                annotation.getAnnotationType()));
        return e instanceof TypeElement t ? t.getQualifiedName().toString() : null;
    }

    /**
     * @return the value's source in the annotation: the attribute's expression, or one element of
     *     its array
     */
    private static Tree valueTree(
            AnnotationTree annotation, AnnotationMirror mirror, AnnotationValue value) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            int index = indexIn(e.getValue(), value);
            if (index == Integer.MIN_VALUE) {
                continue;
            }
            String attribute = e.getKey().getSimpleName().toString();
            for (ExpressionTree argument : annotation.getArguments()) {
                if (argument instanceof AssignmentTree assignment
                        && assignment.getVariable() instanceof IdentifierTree id
                        && id.getName().contentEquals(attribute)) {
                    ExpressionTree expression = assignment.getExpression();
                    return index >= 0 && expression instanceof NewArrayTree array
                            ? array.getInitializers().get(index)
                            : expression;
                }
            }
        }
        return annotation;
    }

    /**
     * @return -1 when {@code value} is the attribute's value, its index when an element of it, else
     *     MIN_VALUE
     */
    private static int indexIn(AnnotationValue attribute, AnnotationValue value) {
        if (attribute == value) {
            return -1;
        }
        if (attribute.getValue() instanceof List<?> elements) {
            for (int i = 0; i < elements.size(); i++) {
                if (elements.get(i) == value) {
                    return i;
                }
            }
        }
        return Integer.MIN_VALUE;
    }
}
