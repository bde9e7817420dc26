# Turns pdqsort.go into pdqsort_func.go: the same algorithms over a
# lessSwap, each function's name suffixed with _func.
1,/^\/\/ so change this file/c\
// Code generated from pdqsort.go by pdqsort_func.sed; DO NOT EDIT.\
\
package sort\

s/data Interface/data lessSwap/g
s/\b\(insertionSort\|siftDown\|heapSort\|pdqsort\|partition\|partitionEqual\|partialInsertionSort\|breakPatterns\|choosePivot\|order2\|median\|medianAdjacent\|reverseRange\|swapRange\|stable\|symMerge\|rotate\)(/\1_func(/g
