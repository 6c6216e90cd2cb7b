/**
 * The `onnx` model kind, for models exported from Python training stacks through ONNX. It needs the
 * optional package `onnxruntime-node`, which is not installed by default (it is large and native).
 * Its inference API is asynchronous (`InferenceSession.create` and `run` return promises) while
 * `Model.score` is synchronous and the factory runs at publish time without awaiting, so this
 * version refuses onnx declarations with a message saying what is missing instead of scoring them.
 */
import { createRequire } from 'node:module';
import { fieldPath } from './input-path.js';
import type { CreateModelResult } from './model-result.js';

/** The problem reported when the optional runtime is absent. */
export const ONNX_MISSING_MESSAGE =
  'onnx models need the optional package onnxruntime-node: npm install onnxruntime-node';

/** Whether a package can be resolved from here, checked synchronously (no import side effects). */
export function packageAvailable(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses an `onnx` declaration with the reason: the optional package is missing, or, when it is
 * present, that the synchronous `Model` port cannot wait for its asynchronous inference.
 */
export function createOnnxModel(
  path: string,
  available: (name: string) => boolean = packageAvailable,
): CreateModelResult {
  const at = fieldPath(path, 'kind');
  if (!available('onnxruntime-node'))
    return { ok: false, problems: [{ path: at, message: ONNX_MISSING_MESSAGE }] };
  return {
    ok: false,
    problems: [
      {
        path: at,
        message:
          'onnx models are not supported by this version: onnxruntime-node infers asynchronously and models score synchronously',
      },
    ],
  };
}
