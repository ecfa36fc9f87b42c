import type { AnnotationData } from './views.ts';

/**
 * Cord's `MessageAnnotationAttachment`s of a message, for the JavaScript API and the REST
 * API alike. Local Cord takes no screenshots and has no custom annotation data.
 */
export function annotationAttachments(annotation: AnnotationData | null) {
  if (!annotation) return [];
  return [
    {
      type: 'annotation' as const,
      screenshot: null,
      locationData: annotation.locationData,
      customData: null,
      textContent: annotation.textContent,
    },
  ];
}
