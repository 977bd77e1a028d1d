-- Schema version 7: the index keeps instances with no image to stack (SR, PR, KO, SEG, RT
-- objects, waveforms, documents) beside the images, with frames = 0. Segmentations indexed
-- before as images become such objects (their frames are drawn over the images they reference).
UPDATE instances SET frames = 0, headers = NULL
WHERE sop_class IN ('1.2.840.10008.5.1.4.1.1.66.4', '1.2.840.10008.5.1.4.1.1.66.5', '1.2.840.10008.5.1.4.1.1.66.6');
