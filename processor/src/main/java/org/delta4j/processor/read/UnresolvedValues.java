package org.delta4j.processor.read;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.delta4j.spec.Problem;

/**
 * Finds the values in a type's spec annotations that the compiler could not resolve yet, such as a
 * constant of a class that another processor generates in a later round. It asks the type of each
 * value's source expression, and of each annotation nested in one: an unresolved one has a type of
 * kind {@link TypeKind#ERROR}. Without javac's tree API it finds nothing, and {@link Values} still
 * tells a value that is not of its attribute's type.
 */
public final class UnresolvedValues {
    private final Trees trees;

    private UnresolvedValues(Trees trees) {
        this.trees = trees;
    }

    /**
     * @param env the processing environment
     * @return a finder through javac's tree API when it is there, otherwise one that finds nothing
     */
    public static UnresolvedValues of(ProcessingEnvironment env) {
        return new UnresolvedValues(SourceTrees.of(env).orElse(null));
    }

    /**
     * @param type a spec type
     * @return what could not be resolved in its spec annotations, each named by its source and
     *     where it is written, such as {@code Missing.SIZE in @Adapter(bottleneck)}; empty when
     *     everything is resolved or the source cannot be seen
     */
    public List<String> in(TypeElement type) {
        TreePath typePath = trees == null ? null : trees.getPath(type);
        if (typePath == null || !(typePath.getLeaf() instanceof ClassTree declaration)) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (AnnotationTree annotation : declaration.getModifiers().getAnnotations()) {
            TreePath path = new TreePath(typePath, annotation);
            if (qualifiedName(trees.getTypeMirror(path))
                    .filter(SpecAnnotations::isSpecAnnotation)
                    .isPresent()) {
                checkArguments(path, annotation, found);
            }
        }
        return found;
    }

    private void checkArguments(
            TreePath annotationPath, AnnotationTree annotation, List<String> found) {
        for (ExpressionTree argument : annotation.getArguments()) {
            // javac rewrites a lone value, @A(x), as value = x; another compiler may not.
            if (argument instanceof AssignmentTree assignment) {
                String where =
                        "@" + annotation.getAnnotationType() + "(" + assignment.getVariable() + ")";
                check(
                        new TreePath(annotationPath, assignment),
                        assignment.getExpression(),
                        where,
                        found);
            } else {
                check(
                        annotationPath,
                        argument,
                        "@" + annotation.getAnnotationType() + "(value)",
                        found);
            }
        }
    }

    /**
     * Checks one value: each element of an array, each nested annotation's type and values, else
     * its type.
     */
    private void check(TreePath parent, ExpressionTree value, String where, List<String> found) {
        TreePath path = new TreePath(parent, value);
        if (value instanceof NewArrayTree array) {
            for (ExpressionTree element : array.getInitializers()) {
                check(path, element, where, found);
            }
        } else if (isError(trees.getTypeMirror(path))) {
            found.add(Problem.detail(Problem.VALUE_IN, value, where));
        } else if (value instanceof AnnotationTree nested) {
            checkArguments(path, nested, found);
        }
    }

    private static boolean isError(TypeMirror type) {
        return type != null && type.getKind() == TypeKind.ERROR;
    }

    private static Optional<String> qualifiedName(TypeMirror type) {
        return type instanceof DeclaredType declared
                        && !isError(type)
                        && declared.asElement() instanceof TypeElement element
                ? Optional.of(element.getQualifiedName().toString())
                : Optional.empty();
    }
}
