import { decodeInferOutput, encodeInferRequest, HEADER_LENGTH } from './oip-codec';

const INPUTS = [
  { name: 'frames', datatype: 'UINT8' as const, shape: [1, 2, 2, 2, 3], data: Uint8Array.from({ length: 24 }, (_, i) => i) },
  { name: 'audio', datatype: 'FP32' as const, shape: [1, 3], data: Float32Array.of(0.5, -0.25, 1) },
];

describe('Open Inference Protocol encoding', () => {
  it('puts binary tensors after the JSON header, whose length travels in a header', () => {
    const { body, headers } = encodeInferRequest('job-0', INPUTS, ['forgery_probability'], true);
    const jsonLength = Number(headers[HEADER_LENGTH]);
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(JSON.parse(body.subarray(0, jsonLength).toString())).toEqual({
      id: 'job-0',
      inputs: [
        { name: 'frames', datatype: 'UINT8', shape: [1, 2, 2, 2, 3], parameters: { binary_data_size: 24 } },
        { name: 'audio', datatype: 'FP32', shape: [1, 3], parameters: { binary_data_size: 12 } },
      ],
      outputs: [{ name: 'forgery_probability', parameters: { binary_data: false } }],
    });
    expect([...body.subarray(jsonLength, jsonLength + 24)]).toEqual([...INPUTS[0]!.data]);
    expect([...new Float32Array(new Uint8Array(body.subarray(jsonLength + 24)).buffer)]).toEqual([0.5, -0.25, 1]);
  });

  it('sends JSON arrays without the extension', () => {
    const { body, headers } = encodeInferRequest('job-0', INPUTS, ['p'], false);
    expect(headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(body.toString()).inputs[1]).toEqual({ name: 'audio', datatype: 'FP32', shape: [1, 3], data: [0.5, -0.25, 1] });
  });

  it('reads an output from a JSON response or from binary data after the header', () => {
    const json = Buffer.from(JSON.stringify({ outputs: [{ name: 'other', datatype: 'FP32', shape: [1], data: [9] }, { name: 'p', datatype: 'FP32', shape: [1, 1], data: [0.25] }] }));
    expect(decodeInferOutput(json, null, 'p')).toEqual([0.25]);

    const header = Buffer.from(JSON.stringify({ outputs: [{ name: 'other', datatype: 'FP32', shape: [1], parameters: { binary_data_size: 4 } }, { name: 'p', datatype: 'FP64', shape: [1], parameters: { binary_data_size: 8 } }] }));
    const binary = Buffer.concat([header, Buffer.from(Float32Array.of(9).buffer), Buffer.from(Float64Array.of(0.75).buffer)]);
    expect(decodeInferOutput(binary, String(header.length), 'p')).toEqual([0.75]);
  });

  it('says what is wrong with an unusable response', () => {
    expect(() => decodeInferOutput(Buffer.from('<html>'), null, 'p')).toThrow('the response is not an inference response');
    expect(() => decodeInferOutput(Buffer.from('{"outputs":[]}'), null, 'p')).toThrow('the response has no output "p"');
  });
});
