/** The nsfwjs models shipped inside its npm package. */
export const LOCAL_MODELS = ['MobileNetV2', 'MobileNetV2Mid'] as const;
export type LocalModel = (typeof LOCAL_MODELS)[number];
